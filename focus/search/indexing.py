"""What each record puts in the search index, and keeping the index current."""

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.utils import translation

from focus.geo.models import Jurisdiction
from focus.library.models import Document, DocumentFile
from focus.library.vocabulary import FileStatus
from focus.policies.models import Development, Instrument, Mechanism
from focus.standards.models import Recommendation

from . import engine
from .models import RecordType, SearchEntry

SITE_LANGUAGES = ("en", "es", "fr")


def _translated(obj, field: str, weight: str, original: str = "") -> list[tuple[str, str, str]]:
    parts = [(getattr(obj, f"{field}_{lang}", "") or "", lang, weight) for lang in SITE_LANGUAGES]
    if original:
        parts.append((getattr(obj, original, "") or "", "", weight))
    return [p for p in parts if p[0]]


def _place(jurisdiction: Jurisdiction) -> dict:
    if jurisdiction.kind == Jurisdiction.Kind.REGIONAL_BODY:
        return {"country": None, "region_id": jurisdiction.region_id}
    country = jurisdiction.country
    return {"country": country, "region_id": country.region_id}


def _dated(date) -> dict:
    return {"date": date, "year": date.year if date else None}


def _each_language(read) -> dict[str, str]:
    """A value as each site language shows it (titles fall back to their original)."""
    values = {}
    for language in SITE_LANGUAGES:
        with translation.override(language):
            values[language] = str(read() or "")
    return values


def instrument_entries(item: Instrument):
    change = item.current_status_change
    fields = {
        "slug": item.slug,
        "titles": _each_language(lambda: item.display_title),
        "texts": _each_language(lambda: item.display_summary),
        "kind": item.instrument_type,
        **_place(item.jurisdiction),
        **_dated(change.date if change else None),
    }
    parts = _translated(item, "title", "A", "title_original")
    parts += [(item.reference, "", "A"), (item.issuing_authority, "", "C")]
    parts += _translated(item, "summary", "B")
    return [(fields, [p for p in parts if p[0]])]


def mechanism_entries(item: Mechanism):
    fields = {
        "slug": item.slug,
        "titles": _each_language(lambda: item.display_name),
        "texts": _each_language(
            lambda: f"{item.display_summary}\n{item.display_how_to_reach}".strip()
        ),
        "kind": item.kind,
        **_place(item.jurisdiction),
        **_dated(item.start_date),
    }
    parts = [*_translated(item, "name", "A", "name_original"), (item.acronym, "", "A")]
    parts += _translated(item, "summary", "B") + _translated(item, "how_to_reach", "B")
    parts += [(item.lead_institution, "", "C")]
    return [(fields, [p for p in parts if p[0]])]


def development_entries(item: Development):
    def title():
        return (
            item.instrument.display_title
            if item.instrument_id
            else item.get_development_type_display()
        )

    fields = {
        "slug": item.instrument.slug if item.instrument else "",
        "titles": _each_language(title),
        "texts": _each_language(lambda: item.display_summary),
        "kind": item.development_type,
        **_place(item.jurisdiction),
        **_dated(item.date),
    }
    parts = _translated(item, "summary", "B")
    if item.instrument_id:
        parts += _translated(item.instrument, "title", "C", "title_original")
    return [(fields, parts)]


def document_entries(item: Document):
    if not item.published:
        return []
    places = list(item.jurisdictions.all())
    place = _place(places[0]) if places else {"country": None, "region_id": None}
    if not place["region_id"]:
        region = item.regions.first()
        place["region_id"] = region.pk if region else None
    base = {
        "slug": item.slug,
        "kind": item.kind,
        "authors": [a.pk for a in item.authors.all()],
        **place,
        **_dated(item.date),
    }
    titles = _translated(item, "title", "A", "title_original")
    entries = [
        (
            {
                **base,
                "titles": _each_language(lambda: item.display_title),
                "texts": _each_language(lambda: item.display_summary),
            },
            titles + _translated(item, "summary", "B"),
        )
    ]
    files = DocumentFile.objects.filter(document=item, status=FileStatus.READY)
    for file in files.prefetch_related("pages"):
        for page in file.pages.all():
            if page.text.strip():
                entries.append(
                    (
                        {
                            **base,
                            "titles": _each_language(lambda: item.display_title),
                            # Not copied: the snippet reads the page itself (query.with_texts).
                            "texts": {},
                            "page": page.number,
                            "file_id": file.pk,
                            "language": file.language,
                        },
                        [*titles, (page.text, file.language, "B")],
                    )
                )
    return entries


def recommendation_entries(item: Recommendation):
    from django.utils.translation import gettext

    def title():
        return gettext("Recommendation to %(country)s") % {"country": item.jurisdiction.name}

    fields = {
        "slug": "",
        "titles": _each_language(title),
        # As the body gave it, in English: the snippet shows it in every language.
        "texts": {"en": item.text},
        "language": "en",
        "kind": item.response,
        **_place(item.jurisdiction),
        **_dated(item.date),
    }
    parts = [(item.text, "en", "A"), (item.recommended_by, "", "C")]
    parts += [(theme.name, "en", "C") for theme in item.themes.all()]
    return [(fields, [p for p in parts if p[0]])]


BUILDERS: dict[str, tuple[type[models.Model], Callable[[Any], list]]] = {
    RecordType.INSTRUMENT: (Instrument, instrument_entries),
    RecordType.MECHANISM: (Mechanism, mechanism_entries),
    RecordType.DEVELOPMENT: (Development, development_entries),
    RecordType.DOCUMENT: (Document, document_entries),
    RecordType.RECOMMENDATION: (Recommendation, recommendation_entries),
}


def remove(record_type: str, record_id: int) -> None:
    old = list(
        SearchEntry.objects.filter(record_type=record_type, record_id=record_id).values_list(
            "pk", flat=True
        )
    )
    if old and not engine.is_postgres():
        engine.sqlite_delete(old)
    SearchEntry.objects.filter(pk__in=old).delete()


@transaction.atomic
def reindex(record_type: str, record_id: int) -> int:
    """Replace the entries of one record; returns how many it now has."""
    model, build = BUILDERS[record_type]
    remove(record_type, record_id)
    record = model._default_manager.filter(pk=record_id).first()
    if record is None:
        return 0
    built = build(record)
    authors = [fields.pop("authors", []) for fields, _ in built]
    entries = SearchEntry.objects.bulk_create(
        SearchEntry(record_type=record_type, record_id=record_id, **fields) for fields, _ in built
    )
    SearchEntry.authors.through.objects.bulk_create(
        SearchEntry.authors.through(searchentry_id=entry.pk, organisation_id=author)
        for entry, ids in zip(entries, authors, strict=True)
        for author in ids
    )
    writes = [(entry.pk, parts) for entry, (_, parts) in zip(entries, built, strict=True)]
    (engine.pg_write if engine.is_postgres() else engine.sqlite_write)(writes)
    return len(entries)


# What each kind of record's entries read, fetched with the records (reindex_many).
RELATED: dict[str, Callable[[models.QuerySet], models.QuerySet]] = {
    RecordType.RECOMMENDATION: lambda records: records.select_related(
        "jurisdiction", "jurisdiction__parent"
    ).prefetch_related("themes"),
}


def reindex_many(record_type: str, ids, batch: int = 500) -> int:
    """Replace the entries of many records of one type, a batch at a time (an import's
    thousands of new records); returns how many entries they now have."""
    model, build = BUILDERS[record_type]
    related = RELATED.get(record_type, lambda records: records)
    ids = list(ids)
    total = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            old = list(
                SearchEntry.objects.filter(
                    record_type=record_type, record_id__in=chunk
                ).values_list("pk", flat=True)
            )
            if old and not engine.is_postgres():
                engine.sqlite_delete(old)
            SearchEntry.objects.filter(pk__in=old).delete()
            built = [
                (record.pk, fields, parts)
                for record in related(model._default_manager.filter(pk__in=chunk))
                for fields, parts in build(record)
            ]
            authors = [fields.pop("authors", []) for _, fields, _ in built]
            entries = SearchEntry.objects.bulk_create(
                SearchEntry(record_type=record_type, record_id=pk, **fields)
                for pk, fields, _ in built
            )
            SearchEntry.authors.through.objects.bulk_create(
                SearchEntry.authors.through(searchentry_id=entry.pk, organisation_id=author)
                for entry, author_ids in zip(entries, authors, strict=True)
                for author in author_ids
            )
            writes = [
                (entry.pk, parts) for entry, (_, _, parts) in zip(entries, built, strict=True)
            ]
            (engine.pg_write if engine.is_postgres() else engine.sqlite_write)(writes)
            total += len(entries)
    return total


def rebuild(progress=None) -> int:
    """The whole index again, record by record."""
    total = 0
    for record_type, (model, _) in BUILDERS.items():
        ids = list(model._default_manager.values_list("pk", flat=True))
        for done, record_id in enumerate(ids, start=1):
            total += reindex(record_type, record_id)
            if progress and (done % 200 == 0 or done == len(ids)):
                progress(record_type, done, len(ids))
    return total
