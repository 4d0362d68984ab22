import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Jurisdiction, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Jurisdiction)
class JurisdictionTranslation(TranslationOptions):
    fields = ("name",)


# History is registered after the translation fields exist, so that it records them.
simple_history.register(Region)
simple_history.register(Jurisdiction)
