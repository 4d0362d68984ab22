import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Document, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "summary")


# History is registered after the translation fields exist, so that it records them.
simple_history.register(Topic)
simple_history.register(
    Document,
    m2m_fields=[
        "authors",
        "jurisdictions",
        "regions",
        "topics",
        "instruments",
        "mechanisms",
        "developments",
    ],
)
