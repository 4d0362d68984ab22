import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Convening, Delegation, FollowUp, Network, Statement


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("name", "summary", "about")


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Convening)
class ConveningTranslation(TranslationOptions):
    fields = ("title", "summary", "outcome")


# History after the translation fields exist, so that it records them. The public
# records keep every change; members' writing is theirs to erase, and has none.
simple_history.register(Network, m2m_fields=["sources"])
simple_history.register(Delegation)
simple_history.register(FollowUp)
simple_history.register(Statement)
simple_history.register(Convening, m2m_fields=["sources", "topics", "documents"])
