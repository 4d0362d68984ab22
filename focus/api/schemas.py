"""What the API and the exports publish of each record: one schema per table.

The columns and their descriptions come from the models (ninja's ModelSchema reads each
field's `help_text`), so the OpenAPI schema, the JSON and CSV exports and the data
dictionary all say the same thing. Related records are named by their stable slug or
code, never by a database id that another copy of the data would not share (developments
have no slug: their id is stable).
"""

import datetime as dt
from decimal import Decimal
from functools import cache
from operator import attrgetter
from typing import get_args, get_origin

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop as N_
from ninja import Field, ModelSchema, Schema
from pydantic import BaseModel, create_model

from focus.geo.models import Jurisdiction, Region
from focus.library.models import Document, DocumentFile
from focus.policies.models import (
    Development,
    Instrument,
    Mechanism,
    MechanismFigure,
    Organisation,
    Source,
)

# Descriptions are marked for translation (N_) but stay plain strings: the OpenAPI schema
# is in English; the data dictionary translates them when it shows them.

LANGUAGES = [code for code, _ in settings.LANGUAGES]


def page_url(record) -> str:
    """The record's page on the site (English; the same path exists in every language)."""
    with translation.override("en"):
        path = record.get_absolute_url()
    return f"{settings.SITE_URL}{path}" if path else ""


def record(schema: type[Schema], obj) -> dict:
    """One record as the schema describes it, read straight from the model: the fields of
    the model first, then the related and derived ones.

    The API validates these dicts against the schema before sending them; the exports
    write them as they are (the database only holds valid values). Reading through
    pydantic's ORM mode instead costs ten times as much, which matters at a million rows.
    """
    return {name: read(obj) for name, read in _readers(schema)}


@cache
def _readers(schema: type[BaseModel]) -> list[tuple[str, object]]:
    own = list(schema.Meta.fields) if hasattr(schema, "Meta") else []
    names = own + [name for name in schema.model_fields if name not in own]
    return [(name, getattr(schema, f"resolve_{name}", None) or attrgetter(name)) for name in names]


def columns(schema: type[BaseModel]) -> list[str]:
    return [name for name, _read in _readers(schema)]


@cache
def published(schema: type[BaseModel]) -> type[BaseModel]:
    """The shape of the schema's records as the API publishes them: the same fields and
    descriptions, in the same order as `record()`, as a plain pydantic model (ninja's
    schemas would run the resolvers again on the dicts, and wrap every nested object).
    The OpenAPI schema names it after the record: "Instrument"."""
    fields = {}
    for name in columns(schema):
        info = schema.model_fields[name]
        annotation = info.annotation
        inner = get_args(annotation)
        if get_origin(annotation) is list and inner and issubclass(inner[0], BaseModel):
            annotation = list[published(inner[0])]
        default = ... if info.is_required() else info.default
        fields[name] = (annotation, Field(default, description=info.description, title=info.title))
    return create_model(schema.__name__.removesuffix("Out"), **fields)


def jsonable(value):
    """A value as the API's JSON writes it: ISO dates, times in UTC with a Z, decimals as
    text."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _related(obj, name: str) -> list:
    """The related records, from the prefetch when there is one (core.models.exported):
    building a manager and a queryset for each row costs more than the rest of the row."""
    exported = obj.__dict__.get(f"exported_{name}")
    if exported is not None:
        return exported
    cache = obj.__dict__.get("_prefetched_objects_cache", {})
    return cache[name] if name in cache else list(getattr(obj, name).all())


def _sources(obj) -> list[dict]:
    return [
        {"url": s.url, "title": s.title, "publisher": s.publisher, "archived_url": s.archived_url}
        for s in _related(obj, "sources")
    ]


# What Verifiable adds to a record: how sure the observatory is, and who contributed it.
VERIFIABLE = ["confidence", "needs_verification", "verification_note", "contributed_by"]


class _Placed:
    """Resolvers of a record with a jurisdiction."""

    @staticmethod
    def resolve_jurisdiction(obj) -> str:
        return obj.jurisdiction.code

    @staticmethod
    def resolve_country(obj) -> str | None:
        country = obj.jurisdiction.country
        return country.code if country.kind == Jurisdiction.Kind.COUNTRY else None


def _translated(name: str) -> list[str]:
    return [f"{name}_{code}" for code in LANGUAGES]


def _codes(obj, name: str, attribute: str = "code") -> list[str]:
    return [getattr(item, attribute) for item in _related(obj, name)]


class ErrorOut(Schema):
    detail: str = Field(description=N_("What was wrong, in a sentence."))
    errors: list[dict[str, str]] = Field(
        default_factory=list,
        description=N_("One entry per parameter that was wrong: {parameter, message}."),
    )


class SourceOut(Schema):
    url: str
    title: str
    publisher: str
    archived_url: str


class RegionOut(ModelSchema):
    page: str = Field(description=N_("The region's page on the site."))

    class Meta:
        model = Region
        fields = ["code", *_translated("name"), "order"]

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class JurisdictionOut(ModelSchema):
    region: str | None = Field(description=N_("Code of its region (subnational units: none)."))
    country: str | None = Field(
        description=N_("ISO 3166-1 alpha-3 code of the country a subnational unit belongs to.")
    )
    page: str = Field(description=N_("Its page, or its place on its country's or region's page."))

    class Meta:
        model = Jurisdiction
        fields = [
            "code",
            "kind",
            *_translated("name"),
            "official_name",
            "iso_alpha2",
            "iso_numeric",
            "subdivision_type",
        ]

    @staticmethod
    def resolve_region(obj) -> str | None:
        return obj.region.code if obj.region_id else None

    @staticmethod
    def resolve_country(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class StatusChangeOut(Schema):
    status: str = Field(description=N_("The status the instrument took."))
    date: dt.date | None = Field(
        description=N_("When (first day of the month or year if partial).")
    )
    date_precision: str = Field(description=N_("day, month, year or unknown."))
    development: int | None = Field(description=N_("Id of the development that gave the status."))


class RelationOut(Schema):
    kind: str = Field(description=N_("amends, implements, regulates, replaces…"))
    instrument: str = Field(description=N_("Slug of the other instrument."))


class InstrumentOut(_Placed, ModelSchema):
    jurisdiction: str = Field(description=N_("Code of its jurisdiction."))
    country: str | None = Field(
        description=N_("ISO 3166-1 alpha-3 code of its country (none for a regional body's text).")
    )
    status: str | None = Field(
        description=N_("Its status now, derived from its dated developments (none: not known).")
    )
    status_date: dt.date | None = Field(description=N_("Since when it has had that status."))
    status_history: list[StatusChangeOut] = Field(
        description=N_("Every status it has had, oldest first.")
    )
    beneficiaries: list[str] = Field(description=N_("Who the text protects (codes)."))
    mechanisms: list[str] = Field(
        description=N_("Slugs of the mechanisms it creates or regulates.")
    )
    relations: list[RelationOut] = Field(description=N_("Instruments this one amends, implements…"))
    sources: list[SourceOut] = Field(description=N_("Where the facts of this record come from."))
    page: str = Field(description=N_("Its page on the site."))

    class Meta:
        model = Instrument
        fields = [
            "id",
            "slug",
            "instrument_type",
            *_translated("title"),
            "title_original",
            "reference",
            "locality",
            "international",
            "issuing_authority",
            *_translated("summary"),
            "creates_mechanism",
            "created_mechanism_note",
            *VERIFIABLE,
            "created",
            "updated",
        ]

    @staticmethod
    def resolve_status(obj) -> str | None:
        return obj.current_status

    @staticmethod
    def resolve_status_date(obj) -> dt.date | None:
        change = obj.current_status_change
        return change.date if change else None

    @staticmethod
    def resolve_status_history(obj) -> list[dict]:
        return [
            {
                "status": change.status,
                "date": change.date,
                "date_precision": change.date_precision,
                "development": change.development_id,
            }
            for change in obj.status_history()
        ]

    @staticmethod
    def resolve_beneficiaries(obj) -> list[str]:
        return _codes(obj, "beneficiaries")

    @staticmethod
    def resolve_mechanisms(obj) -> list[str]:
        return _codes(obj, "mechanisms", "slug")

    @staticmethod
    def resolve_relations(obj) -> list[dict]:
        return [
            {"kind": r.kind, "instrument": r.to_instrument.slug}
            for r in _related(obj, "relations_from")
        ]

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class MechanismOut(_Placed, ModelSchema):
    jurisdiction: str = Field(description=N_("Code of the country or subnational unit it serves."))
    country: str = Field(description=N_("ISO 3166-1 alpha-3 code of its country."))
    instruments: list[str] = Field(
        description=N_("Slugs of the instruments that create or regulate it.")
    )
    measures: list[str] = Field(description=N_("The kinds of measures it offers (codes)."))
    beneficiaries: list[str] = Field(description=N_("Who it protects (codes)."))
    sources: list[SourceOut] = Field(description=N_("Where the facts of this record come from."))
    page: str = Field(description=N_("Its page on the site."))

    class Meta:
        model = Mechanism
        fields = [
            "id",
            "slug",
            *_translated("name"),
            "name_original",
            "acronym",
            "kind",
            "lead_institution",
            "start_date",
            "start_date_precision",
            "status",
            "civil_society_participation",
            *_translated("how_to_reach"),
            "contact_channel",
            "emergency_line",
            "hours",
            *_translated("summary"),
            *VERIFIABLE,
            "created",
            "updated",
        ]

    @staticmethod
    def resolve_instruments(obj) -> list[str]:
        return _codes(obj, "instruments", "slug")

    @staticmethod
    def resolve_measures(obj) -> list[str]:
        return _codes(obj, "measures")

    @staticmethod
    def resolve_beneficiaries(obj) -> list[str]:
        return _codes(obj, "beneficiaries")

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class DevelopmentOut(_Placed, ModelSchema):
    jurisdiction: str = Field(description=N_("Code of the jurisdiction where it happened."))
    country: str | None = Field(
        description=N_("ISO 3166-1 alpha-3 code of its country (none for a regional body).")
    )
    instrument: str | None = Field(description=N_("Slug of the instrument it concerns, if any."))
    mechanisms: list[str] = Field(description=N_("Slugs of the mechanisms it concerns."))
    sources: list[SourceOut] = Field(
        description=N_("Where the facts of this development come from.")
    )
    page: str = Field(description=N_("Its place on the site."))

    class Meta:
        model = Development
        fields = [
            "id",
            "date",
            "date_precision",
            "development_type",
            *_translated("summary"),
            *VERIFIABLE,
            "created",
            "updated",
        ]

    @staticmethod
    def resolve_instrument(obj) -> str | None:
        return obj.instrument.slug if obj.instrument_id else None

    @staticmethod
    def resolve_mechanisms(obj) -> list[str]:
        return _codes(obj, "mechanisms", "slug")

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class FileOut(ModelSchema):
    download: str | None = Field(
        description=N_("Where to download the file, once it is published.")
    )

    class Meta:
        model = DocumentFile
        fields = ["role", "language", "kind", "size", "checksum", "page_count"]

    @staticmethod
    def resolve_download(obj) -> str | None:
        return page_url(obj) if obj.downloadable else None


class DocumentOut(ModelSchema):
    authors: list[str] = Field(
        description=N_("Slugs of the organisations that wrote or issued it.")
    )
    jurisdictions: list[str] = Field(
        description=N_("Codes of the countries, subnational units or regional bodies it is about.")
    )
    regions: list[str] = Field(description=N_("Codes of the regions it is about as a whole."))
    topics: list[str] = Field(description=N_("Slugs of its topics."))
    instruments: list[str] = Field(description=N_("Slugs of the instruments it is about."))
    mechanisms: list[str] = Field(description=N_("Slugs of the mechanisms it is about."))
    developments: list[int] = Field(description=N_("Ids of the developments it is a source of."))
    files: list[FileOut] = Field(
        description=N_("Its files: original, translations, consolidated texts.")
    )
    page: str = Field(description=N_("Its page on the site."))

    class Meta:
        model = Document
        fields = [
            "id",
            "slug",
            *_translated("title"),
            "title_original",
            "kind",
            "date",
            "date_precision",
            *_translated("summary"),
            "url",
            "archived_url",
            "licence",
            *VERIFIABLE,
            "created",
            "updated",
        ]

    @staticmethod
    def resolve_authors(obj) -> list[str]:
        return _codes(obj, "authors", "slug")

    @staticmethod
    def resolve_jurisdictions(obj) -> list[str]:
        return _codes(obj, "jurisdictions")

    @staticmethod
    def resolve_regions(obj) -> list[str]:
        return _codes(obj, "regions")

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return _codes(obj, "topics", "slug")

    @staticmethod
    def resolve_instruments(obj) -> list[str]:
        return _codes(obj, "instruments", "slug")

    @staticmethod
    def resolve_mechanisms(obj) -> list[str]:
        return _codes(obj, "mechanisms", "slug")

    @staticmethod
    def resolve_developments(obj) -> list[int]:
        return _codes(obj, "developments", "pk")

    @staticmethod
    def resolve_files(obj) -> list[dict]:
        return [record(FileOut, file) for file in _related(obj, "files")]

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class OrganisationOut(ModelSchema):
    countries: list[str] = Field(description=N_("Where it is based (ISO 3166-1 alpha-3 codes)."))

    class Meta:
        model = Organisation
        fields = ["slug", "name", "acronym", "kind", "url", *_translated("description")]

    @staticmethod
    def resolve_countries(obj) -> list[str]:
        return _codes(obj, "countries")


class SourceRecordOut(ModelSchema):
    class Meta:
        model = Source
        fields = ["id", "url", "title", "publisher", "date_seen", "archived_url"]


class FigureOut(ModelSchema):
    mechanism: str = Field(description=N_("Slug of the mechanism the figure is about."))
    sources: list[SourceOut] = Field(description=N_("Where the figure comes from."))

    class Meta:
        model = MechanismFigure
        fields = [
            "id",
            "period",
            "period_end",
            "metric",
            "value",
            "unit",
            "note",
            "confidence",
            "needs_verification",
            "verification_note",
        ]

    @staticmethod
    def resolve_mechanism(obj) -> str:
        return obj.mechanism.slug

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)
