import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("en",)


# History is registered after the translation fields exist, so that it records them.
simple_history.register(Page)
