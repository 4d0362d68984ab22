from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    HIGH = "high", _("high: two concordant sources or the official text")
    MEDIUM = "medium", _("medium: one good source")
    LOW = "low", _("low: indirect or conflicting sources")


class Verifiable(models.Model):
    """How sure the observatory is of a record, and whether an editor must check it."""

    confidence = models.CharField(
        _("confidence"),
        max_length=10,
        choices=Confidence.choices,
        default=Confidence.MEDIUM,
        help_text=_("How well the sources support this record."),
    )
    needs_verification = models.BooleanField(
        _("needs verification"),
        default=False,
        help_text=_("Set when an editor should check this record against its sources."),
    )
    verification_note = models.TextField(
        _("verification note"),
        blank=True,
        help_text=_("What an editor should check, and why."),
    )

    class Meta:
        abstract = True
