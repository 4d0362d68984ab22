"""One search index over instruments, mechanisms, developments and document pages.

Each record (or page of a document file) is one entry, with the facets a search can be
refined by. The full text itself is indexed by the database engine: a `tsvector` column
on PostgreSQL, an FTS5 table on SQLite (see engine.py).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from focus.core.paths import page_path
from focus.geo.models import Jurisdiction, Region
from focus.library.models import text_page_query
from focus.policies.models import Organisation


class RecordType(models.TextChoices):
    INSTRUMENT = "instrument", _("instrument")
    MECHANISM = "mechanism", _("mechanism")
    DEVELOPMENT = "development", _("development")
    DOCUMENT = "document", _("document")
    RECOMMENDATION = "recommendation", _("recommendation")


class SearchEntry(models.Model):
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    record_id = models.PositiveBigIntegerField()
    page = models.PositiveIntegerField(default=0, help_text="Page of a document file; 0 otherwise.")
    file_id = models.PositiveBigIntegerField(null=True, blank=True)
    slug = models.CharField(max_length=150, blank=True)
    # In each site language ({"en": …, "es": …}); "" for text in one language only.
    titles = models.JSONField(default=dict)
    texts = models.JSONField(default=dict)
    language = models.CharField(max_length=10, blank=True)
    kind = models.CharField(max_length=40, blank=True)
    country = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # A document's authors, on each of its entries (a facet and a refinement).
    authors = models.ManyToManyField(Organisation, blank=True, related_name="+")
    # PostgreSQL only (left empty on SQLite, whose index is the FTS5 table).
    vector = SearchVectorField(null=True, blank=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        # The full-text index itself is made by migration 0002, per database engine.
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} p{self.page}"

    def get_absolute_url(self) -> str:
        """The record's page; for a page of a document, that page of its text."""
        if self.record_type == RecordType.INSTRUMENT:
            return page_path("policies:instrument", self.slug)
        if self.record_type == RecordType.MECHANISM:
            return page_path("policies:mechanism", self.slug)
        if self.record_type == RecordType.DEVELOPMENT:
            if self.slug:
                return f"{page_path('policies:instrument', self.slug)}#d{self.record_id}"
            return f"{self.country.get_absolute_url()}#developments" if self.country else ""
        if self.record_type == RecordType.RECOMMENDATION:
            return page_path("standards:recommendation", self.record_id)
        url = page_path("library:document", self.slug)
        if self.page and self.file_id:
            return f"{url}?{text_page_query(self.file_id, self.page)}#p{self.page}"
        return url

    def _in_language(self, values: dict) -> str:
        language = (get_language() or "en")[:2]
        return values.get(language) or values.get("en") or next(iter(values.values()), "")

    @property
    def title(self) -> str:
        return self._in_language(self.titles)

    def texts_for_snippet(self) -> list[str]:
        """The visitor's language first: the snippet comes from the first that matches.

        A page of a document has one text, its own, set on `page_text` by query.with_texts.
        """
        if self.page:
            return [getattr(self, "page_text", "")]
        first = self._in_language(self.texts)
        return [first, *(t for t in self.texts.values() if t and t != first)]
