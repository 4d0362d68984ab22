"""The document library: documents, their files, and the text read from each page."""

import hashlib
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from focus.core.dates import DatePrecision, check_partial_date, format_partial_date, normalise
from focus.core.models import Verifiable, exported
from focus.core.paths import page_path
from focus.core.text import translated
from focus.geo.models import Jurisdiction, Region
from focus.policies.models import Development, Instrument, Mechanism, Organisation

from .vocabulary import LANGUAGE_CHOICES, DocumentKind, FileRole, FileStatus


class Topic(models.Model):
    """A subject documents are filed under (e.g. women defenders, journalists)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)

    def for_listing(self):
        return self.prefetch_related("authors", "jurisdictions", "files")

    def for_export(self):
        """What the API and the exports publish of each public document."""
        return self.public().prefetch_related(
            exported("authors"),
            exported("jurisdictions"),
            exported("files"),
            exported("regions"),
            exported("topics"),
            exported("instruments", Instrument.objects.only("pk", "slug")),
            exported("mechanisms", Mechanism.objects.only("pk", "slug")),
            exported("developments", Development.objects.only("pk")),
        )

    def filtered(self, *, region=None, country=None, kind="", author=None, year=None, language=""):
        """The library's filters; pages, the API and exports share them."""
        documents = self
        if region is not None:
            documents = documents.filter(
                models.Q(regions=region)
                | models.Q(jurisdictions__region=region)
                | models.Q(jurisdictions__parent__region=region)
            )
        if country is not None:
            documents = documents.filter(
                models.Q(jurisdictions=country) | models.Q(jurisdictions__parent=country)
            )
        if kind:
            documents = documents.filter(kind=kind)
        if author is not None:
            documents = documents.filter(authors=author)
        if year:
            documents = documents.filter(date__year=year)
        if language:
            documents = documents.filter(files__language=language)
        return documents.distinct()


class Document(Verifiable):
    """A text in the library: one or more files (original, translations, consolidated
    versions), or a page elsewhere with an archived copy."""

    slug = models.SlugField(
        _("slug"), max_length=140, unique=True, help_text=_("Stable identifier used in URLs.")
    )
    title = models.CharField(
        _("title"), max_length=500, blank=True, help_text=_("Title, in the site's languages.")
    )
    title_original = models.CharField(
        _("original title"),
        max_length=600,
        blank=True,
        help_text=_("Title in the language the document was written in."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    authors = models.ManyToManyField(
        Organisation,
        verbose_name=_("authors"),
        blank=True,
        related_name="documents",
        help_text=_("Who wrote or issued it."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    summary = models.TextField(_("summary"), blank=True)
    jurisdictions = models.ManyToManyField(
        Jurisdiction,
        verbose_name=_("countries and jurisdictions"),
        blank=True,
        related_name="documents",
        help_text=_("The countries, subnational units or regional bodies it is about."),
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions"),
        blank=True,
        related_name="documents",
        help_text=_("Regions it is about as a whole."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("instruments"), blank=True, related_name="documents"
    )
    mechanisms = models.ManyToManyField(
        Mechanism, verbose_name=_("mechanisms"), blank=True, related_name="documents"
    )
    developments = models.ManyToManyField(
        Development, verbose_name=_("developments"), blank=True, related_name="documents"
    )
    url = models.URLField(
        _("address"),
        max_length=1000,
        blank=True,
        help_text=_("Where it can be read, if it is not uploaded here."),
    )
    archived_url = models.URLField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        help_text=_("A copy kept by a web archive, in case the page goes."),
    )
    licence = models.CharField(
        _("licence or basis for reproduction"),
        max_length=300,
        blank=True,
        help_text=_("Why the file may be published here (e.g. official text, free to reproduce)."),
    )
    published = models.BooleanField(_("published"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "slug"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date__isnull=True, date_precision="unknown")
                | models.Q(date__isnull=False, date_precision__in=["day", "month", "year"]),
                name="library_document_date_has_its_precision",
            ),
        ]

    def __str__(self) -> str:
        return str(self.display_title)

    def get_absolute_url(self) -> str:
        return page_path("library:document", self.slug)

    @property
    def display_title(self):
        return translated(self, "title", "title_original") or self.slug

    @property
    def display_summary(self):
        return translated(self, "summary")

    @property
    def display_date(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    def clean(self) -> None:
        check_partial_date(self, "date", "date_precision")

    def save(self, *args, **kwargs) -> None:
        self.date = normalise(self.date, self.date_precision)
        super().save(*args, **kwargs)


def _upload_to(instance: "DocumentFile", filename: str) -> str:
    # Files are named by their checksum: the uploader's file name may identify them.
    suffix = Path(filename).suffix.lower()[:10]
    return f"library/{instance.checksum[:2]}/{instance.checksum}{suffix}"


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class DocumentFile(models.Model):
    """One file of a document: the original, a translation, a consolidated text."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files"
    )
    role = models.CharField(
        _("role"), max_length=30, choices=FileRole.choices, default=FileRole.ORIGINAL
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=200)
    checksum = models.CharField(
        _("SHA-256 checksum"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("Of the file as uploaded: the same file cannot be added twice."),
    )
    kind = models.CharField(_("file type"), max_length=10, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    status = models.CharField(
        _("text"),
        max_length=10,
        choices=FileStatus.choices,
        default=FileStatus.WAITING,
        editable=False,
    )
    status_note = models.TextField(
        _("note on reading the file"),
        blank=True,
        editable=False,
        help_text=_("Why the text could not be read, or what to know about it."),
    )
    metadata_removed = models.BooleanField(
        _("metadata removed"),
        default=False,
        editable=False,
        help_text=_(
            "Author, software and dates hidden in the file are removed before it is published."
        ),
    )
    page_count = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    created = models.DateTimeField(_("added"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["document", "role", "language"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return f"{self.document} ({self.get_role_display()}, {self.get_language_display()})"

    def get_absolute_url(self) -> str:
        return page_path("library:file", self.document.slug, self.pk)

    @property
    def downloadable(self) -> bool:
        """Published only once its metadata is removed."""
        return self.metadata_removed and self.status != FileStatus.WAITING


# Pages of text a document's page shows at a time.
TEXT_PAGES_SHOWN = 5


def text_page_query(file_id: int, page: int) -> str:
    """The query string of the document view that shows a page of a file's text."""
    return f"file={file_id}&page={(page - 1) // TEXT_PAGES_SHOWN + 1}"


class DocumentPage(models.Model):
    """The text of one page of a file (the whole text, for a file without pages)."""

    file = models.ForeignKey(
        DocumentFile, verbose_name=_("file"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("text"), blank=True)

    class Meta:
        # By the file's id, not its ordering: that would join every page to its document.
        ordering = ["file_id", "number"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="library_page_unique")
        ]

    def __str__(self) -> str:
        return f"{self.file}, p. {self.number}"
