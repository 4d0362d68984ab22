from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    HIGH = "high", _("high: two concordant sources or the official text")
    MEDIUM = "medium", _("medium: one good source")
    LOW = "low", _("low: indirect or conflicting sources")


def exported(name: str, queryset=None) -> models.Prefetch:
    """A prefetch kept as a plain list on each record (`record.exported_<name>`, read by
    focus.api.schemas): Django then builds no related manager per record, which at a
    million rows of an export costs more than everything else."""
    return models.Prefetch(name, queryset=queryset, to_attr=f"exported_{name}")


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
    contributed_by = models.CharField(
        _("contributed by"),
        max_length=500,
        blank=True,
        help_text=_("Who contributed it, as they chose to be credited; shown with the record."),
    )

    class Meta:
        abstract = True

    def credit(self, line: str) -> None:
        """Add a contributor's credit line (kept once)."""
        names = [n for n in self.contributed_by.split("; ") if n]
        if line and line not in names:
            self.contributed_by = "; ".join([*names, line])[:500]


class Page(models.Model):
    """A page editors write in the admin, such as About or Key elements, in Markdown."""

    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("The page's address, e.g. about.")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_("Markdown: headings (#), lists (-), links ([text](https://…)). No HTML."),
    )
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public site.")
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(f"core:{self.slug}") if self.slug in PUBLIC_PAGES else ""

    @property
    def display_title(self):
        from .text import translated

        return translated(self, "title")

    @property
    def display_body(self):
        from .text import translated

        return translated(self, "body")

    def body_html(self) -> str:
        """The body in the visitor's language as HTML (Markdown without raw HTML, cleaned)."""
        from .text import markdown_html

        return markdown_html(self.display_body)


# Pages with a fixed address in the site's navigation.
PUBLIC_PAGES = ("about", "key-elements")


class PublicName(models.Model):
    """The name an editor chose to be shown beside their changes on public change logs.

    Without one (the default), changes are shown without a name.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="public_name",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("public name"),
        max_length=120,
        blank=True,
        help_text=_("Shown beside your changes on the public change log. Empty: not shown."),
    )

    class Meta:
        verbose_name = _("public name")
        verbose_name_plural = _("public names")

    def __str__(self) -> str:
        return self.name or "—"
