import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import AnnualReport


@register(AnnualReport)
class AnnualReportTranslation(TranslationOptions):
    fields = ("introduction", "analysis", "changelog")


# History after the translation fields exist, so that it records them.
simple_history.register(AnnualReport)
