"""Controlled vocabularies of the library."""

from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    OFFICIAL_TEXT = "official_text", _("official text")
    REGULATION = "regulation", _("regulation")
    EVALUATION = "evaluation", _("evaluation")
    CIVIL_SOCIETY_REPORT = "civil_society_report", _("civil-society report")
    RECOMMENDATION = "recommendation", _("UN or regional recommendation or resolution")
    RULING = "ruling", _("ruling")
    GUIDELINE = "guideline", _("guideline")
    PUBLICATION = "publication", _("publication")
    NEWS_ARTICLE = "news_article", _("news article")
    TOOL = "tool", _("tool")


class FileRole(models.TextChoices):
    ORIGINAL = "original", _("original")
    OFFICIAL_TRANSLATION = "official_translation", _("official translation")
    UNOFFICIAL_TRANSLATION = "unofficial_translation", _("unofficial translation")
    CONSOLIDATED = "consolidated", _("consolidated text, as amended")


class FileStatus(models.TextChoices):
    WAITING = "waiting", _("waiting to be read")
    READY = "ready", _("text extracted")
    NO_TEXT = "no_text", _("kept without text")
    FAILED = "failed", _("could not be read")


# Languages of documents: those the defenders' texts are written in, by ISO 639-1 code.
# Names come from Django's own table, translated into the visitor's language.
DOCUMENT_LANGUAGES = [
    "en", "es", "fr", "pt", "ar", "ru", "zh-hans", "de", "it", "nl", "sw", "mn", "id",
    "th", "km", "my", "ne", "hi", "ur", "bn", "tr", "uk", "ka", "ky", "kk", "fa",
]  # fmt: skip
# Django's catalogues translate these names at run time.
LANGUAGE_CHOICES = [(code, _(LANG_INFO[code]["name"])) for code in DOCUMENT_LANGUAGES]
