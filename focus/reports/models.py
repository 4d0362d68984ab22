"""The annual Focus report: an editor writes its introduction and analysis, previews it
with the figures computed from the data as they are, then publishes it. Publishing
freezes the figures (in every language) and the texts: a published edition never
changes. A correction is a new edition, with a changelog; the earlier one stays online.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from focus.core.paths import page_path
from focus.core.text import localised_markdown
from focus.core.text import translated as _translated


class AnnualReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published__isnull=False)

    def latest_editions(self):
        """The newest published edition of each year, newest year first."""
        newest = (
            self.published()
            .filter(year=models.OuterRef("year"))
            .order_by("-edition")
            .values("pk")[:1]
        )
        return self.published().filter(pk=models.Subquery(newest)).order_by("-year")


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    edition = models.PositiveSmallIntegerField(_("edition"), default=1, editable=False)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    analysis = models.TextField(_("analysis"), blank=True, help_text=_("Markdown."))
    changelog = models.TextField(
        _("what changed since the previous edition"),
        blank=True,
        help_text=_("Markdown. Required for a second or later edition."),
    )
    # Frozen at publication: the figures in each language, and what data they come from.
    figures = models.JSONField(_("figures"), null=True, blank=True, editable=False)
    data_version = models.CharField(_("data version"), max_length=100, blank=True, editable=False)
    published = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-edition"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(fields=["year", "edition"], name="reports_one_edition")
        ]

    def __str__(self) -> str:
        return f"Focus {self.year} ({self.edition})"

    def get_absolute_url(self) -> str:
        path = page_path("reports:annual-report", self.year)
        return path if self.edition == 1 else f"{path}?edition={self.edition}"

    def clean(self) -> None:
        from .annual import years

        if self.year not in years():
            raise ValidationError(
                {
                    "year": _("A report covers a year from %(first)s to %(last)s.")
                    % {"first": years()[0], "last": years()[-1]}
                }
            )

    @property
    def is_published(self) -> bool:
        return self.published is not None

    @property
    def introduction_html(self) -> str:
        return localised_markdown(_translated(self, "introduction"))

    @property
    def analysis_html(self) -> str:
        return localised_markdown(_translated(self, "analysis"))

    @property
    def changelog_html(self) -> str:
        return localised_markdown(_translated(self, "changelog"))

    def figures_in(self, language: str) -> dict | None:
        if not self.figures:
            return None
        return self.figures.get(language) or self.figures.get(settings.LANGUAGE_CODE)

    def mark_published(self, figures: dict, data_version: str, by) -> None:
        self.figures, self.data_version = figures, data_version
        self.published, self.published_by = timezone.now(), by
