"""What the API and the exports publish of each record: one schema per table.

The columns and their descriptions come from the models (ninja's ModelSchema reads each
field's `help_text`), so the OpenAPI schema, the JSON and CSV exports and the data
dictionary all say the same thing. Related records are named by their stable slug or
code, never by a database id that another copy of the data would not share (developments
have no slug: their id is stable).
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from operator import attrgetter
from types import GenericAlias
from typing import Any, get_args, get_origin

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
from focus.standards.models import (
    Assessment,
    Criterion,
    GoodPractice,
    Provision,
    Rating,
    Recommendation,
    Standard,
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
def _readers(schema: type[BaseModel]) -> list[tuple[str, Callable[[Any], Any]]]:
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
    fields: dict[str, Any] = {}
    for name in columns(schema):
        info = schema.model_fields[name]
        annotation: Any = info.annotation
        inner = get_args(annotation)
        if get_origin(annotation) is list and inner and issubclass(inner[0], BaseModel):
            annotation = GenericAlias(list, (published(inner[0]),))  # list[...], built at run time
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


def _codes(obj, name: str, attribute: str = "code") -> list[Any]:
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


# --- standards, assessments, recommendations, good practices ---------------------------


def _code_key(code: str) -> tuple:
    """PI-2 before PI-10."""
    prefix, _sep, number = code.rpartition("-")
    return (prefix, int(number) if number.isdigit() else 0, code)


def _subject(assessment) -> Instrument | Mechanism:
    """The instrument or mechanism an assessment is about (it has exactly one)."""
    return assessment.instrument if assessment.instrument_id else assessment.mechanism


def _subject_type(subject) -> str | None:
    if subject is None:
        return None
    return "instrument" if isinstance(subject, Instrument) else "mechanism"


def _country_of(subject) -> str | None:
    if subject is None:
        return None
    country = subject.jurisdiction.country
    return country.code if country.kind == Jurisdiction.Kind.COUNTRY else None


def _document_slug(document) -> str | None:
    """A document of the library, named only once it is published."""
    return document.slug if document is not None and document.published else None


class ProvisionOut(ModelSchema):
    standard: str = Field(description=N_("Slug of the standard it belongs to."))
    sources: list[SourceOut] = Field(description=N_("Where its text can be read."))
    page: str = Field(description=N_("Its place on its standard's page."))

    class Meta:
        model = Provision
        fields = [
            "id",
            "reference",
            *_translated("title"),
            *_translated("summary"),
            "adopted_by",
            "adoption_date",
            "adoption_date_precision",
            "position",
        ]

    @staticmethod
    def resolve_standard(obj) -> str:
        return obj.standard.slug

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class StandardOut(ModelSchema):
    documents: list[str] = Field(
        description=N_("Slugs of its text and commentaries in the library.")
    )
    sources: list[SourceOut] = Field(description=N_("Where its text can be read."))
    provisions: list[ProvisionOut] = Field(
        description=N_("Its articles or sections, in order (also the provisions table).")
    )
    page: str = Field(description=N_("Its page on the site."))

    class Meta:
        model = Standard
        fields = [
            "id",
            "code",
            "slug",
            *_translated("title"),
            *_translated("short_title"),
            "kind",
            "scope",
            "adopted_by",
            "adoption_date",
            "adoption_date_precision",
            "adoption_note",
            *_translated("summary"),
            "position",
        ]

    @staticmethod
    def resolve_documents(obj) -> list[str]:
        return _codes(obj, "documents", "slug")

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_provisions(obj) -> list[dict]:
        return [record(ProvisionOut, provision) for provision in _related(obj, "provisions")]

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class CriterionOut(ModelSchema):
    framework: str = Field(description=N_("Slug of the assessment framework it belongs to."))
    framework_name_en: str | None = Field(description=N_("Name of the framework (in English)."))
    framework_name_es: str | None = Field(description=N_("Name of the framework (in Spanish)."))
    framework_name_fr: str | None = Field(description=N_("Name of the framework (in French)."))
    provisions: list[int] = Field(
        description=N_("Ids of the provisions of standards it rests on (provisions table).")
    )
    sources: list[SourceOut] = Field(description=N_("Where the criterion is set out."))
    page: str = Field(description=N_("Its page on the site."))

    class Meta:
        model = Criterion
        fields = [
            "id",
            "code",
            *_translated("title"),
            *_translated("description"),
            "theme",
            "position",
        ]

    @staticmethod
    def resolve_framework(obj) -> str:
        return obj.framework.slug

    @staticmethod
    def resolve_framework_name_en(obj) -> str | None:
        return obj.framework.name_en

    @staticmethod
    def resolve_framework_name_es(obj) -> str | None:
        return obj.framework.name_es

    @staticmethod
    def resolve_framework_name_fr(obj) -> str | None:
        return obj.framework.name_fr

    @staticmethod
    def resolve_provisions(obj) -> list[int]:
        return _codes(obj, "provisions", "pk")

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


RATING_FIELDS = [
    "id",
    "criterion_code",
    "criterion_title",
    "value",
    *_translated("justification"),
    "passage",
    "quote",
]


class RatingOut(ModelSchema):
    """One answer of an assessment, with its evidence."""

    source: str | None = Field(description=N_("Evidence: the address of the source."))
    document: str | None = Field(
        description=N_("Evidence: slug of the document of the library it comes from.")
    )
    document_page: int | None = Field(description=N_("Evidence: page of the document, if known."))
    page: str = Field(description=N_("Its place on its assessment's page."))

    class Meta:
        model = Rating
        fields = RATING_FIELDS

    @staticmethod
    def resolve_source(obj) -> str | None:
        return obj.source.url if obj.source_id else None

    @staticmethod
    def resolve_document(obj) -> str | None:
        return _document_slug(obj.document) if obj.document_id else None

    @staticmethod
    def resolve_document_page(obj) -> int | None:
        return obj.page

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class RatingRowOut(ModelSchema):
    """A rating with its assessment's subject, framework and date: one row per answer."""

    assessment: int = Field(description=N_("Id of the assessment it belongs to."))
    framework: str = Field(description=N_("Slug of the framework."))
    subject_type: str = Field(description=N_("What was assessed: instrument or mechanism."))
    subject: str = Field(description=N_("Slug of the instrument or mechanism assessed."))
    country: str | None = Field(
        description=N_("ISO 3166-1 alpha-3 code of its country (none for a regional body's text).")
    )
    as_of: dt.date = Field(description=N_("The date the assessment describes."))
    source: str | None = Field(description=N_("Evidence: the address of the source."))
    document: str | None = Field(
        description=N_("Evidence: slug of the document of the library it comes from.")
    )
    document_page: int | None = Field(description=N_("Evidence: page of the document, if known."))
    page: str = Field(description=N_("Its place on its assessment's page."))

    class Meta:
        model = Rating
        fields = RATING_FIELDS

    @staticmethod
    def resolve_assessment(obj) -> int:
        return obj.assessment_id

    @staticmethod
    def resolve_framework(obj) -> str:
        return obj.assessment.framework.slug

    @staticmethod
    def resolve_subject_type(obj) -> str | None:
        return _subject_type(_subject(obj.assessment))

    @staticmethod
    def resolve_subject(obj) -> str:
        return _subject(obj.assessment).slug

    @staticmethod
    def resolve_country(obj) -> str | None:
        return _country_of(_subject(obj.assessment))

    @staticmethod
    def resolve_as_of(obj) -> dt.date:
        return obj.assessment.as_of

    resolve_source = staticmethod(RatingOut.resolve_source)
    resolve_document = staticmethod(RatingOut.resolve_document)
    resolve_document_page = staticmethod(RatingOut.resolve_document_page)
    resolve_page = staticmethod(RatingOut.resolve_page)


class AssessmentOut(ModelSchema):
    subject_type: str = Field(description=N_("What was assessed: instrument or mechanism."))
    subject: str = Field(description=N_("Slug of the instrument or mechanism assessed."))
    jurisdiction: str = Field(description=N_("Code of the jurisdiction of what was assessed."))
    country: str | None = Field(
        description=N_("ISO 3166-1 alpha-3 code of its country (none for a regional body's text).")
    )
    framework: str = Field(description=N_("Slug of the framework it was assessed against."))
    ratings: list[RatingOut] = Field(
        description=N_("The answer to each criterion, with its justification and evidence.")
    )
    page: str = Field(description=N_("Its page on the site."))

    class Meta:
        model = Assessment
        fields = ["id", "as_of", *_translated("summary"), "assessed_by", "created", "updated"]

    @staticmethod
    def resolve_subject_type(obj) -> str | None:
        return _subject_type(_subject(obj))

    @staticmethod
    def resolve_subject(obj) -> str:
        return _subject(obj).slug

    @staticmethod
    def resolve_jurisdiction(obj) -> str:
        return _subject(obj).jurisdiction.code

    @staticmethod
    def resolve_country(obj) -> str | None:
        return _country_of(_subject(obj))

    @staticmethod
    def resolve_framework(obj) -> str:
        return obj.framework.slug

    @staticmethod
    def resolve_ratings(obj) -> list[dict]:
        ratings = sorted(_related(obj, "ratings"), key=lambda r: _code_key(r.criterion_code))
        return [record(RatingOut, rating) for rating in ratings]

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class RecommendationOut(ModelSchema):
    country: str = Field(description=N_("ISO 3166-1 alpha-3 code of the state under review."))
    recommending_state: str | None = Field(
        description=N_("ISO 3166-1 alpha-3 code of the recommending state, when it is a state.")
    )
    themes: list[str] = Field(description=N_("Its themes, as the source names them."))
    answered_by_instruments: list[str] = Field(
        description=N_("Slugs of the instruments that answer it, in whole or in part.")
    )
    answered_by_mechanisms: list[str] = Field(
        description=N_("Slugs of the mechanisms that answer it.")
    )
    answered_by_developments: list[int] = Field(
        description=N_("Ids of the developments that answer it.")
    )
    sources: list[SourceOut] = Field(description=N_("Where the recommendation is given."))
    page: str = Field(description=N_("Its page on the site."))

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "body",
            "cycle",
            "session",
            "date",
            "recommended_by",
            "text",
            "response",
            "action_category",
            "implementation",
            *_translated("implementation_note"),
            "implementation_as_of",
            *VERIFIABLE,
            "created",
            "updated",
        ]

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.jurisdiction.code

    @staticmethod
    def resolve_recommending_state(obj) -> str | None:
        return obj.recommending_state.code if obj.recommending_state_id else None

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        # The English name is the theme's identifier (the `theme` filter reads it).
        return _codes(obj, "themes", "name_en")

    @staticmethod
    def resolve_answered_by_instruments(obj) -> list[str]:
        return _codes(obj, "answered_by_instruments", "slug")

    @staticmethod
    def resolve_answered_by_mechanisms(obj) -> list[str]:
        return _codes(obj, "answered_by_mechanisms", "slug")

    @staticmethod
    def resolve_answered_by_developments(obj) -> list[int]:
        return _codes(obj, "answered_by_developments", "pk")

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)


class GoodPracticeOut(ModelSchema):
    framework: str | None = Field(description=N_("Slug of the framework of its criterion."))
    criterion: str | None = Field(
        description=N_("Code of the criterion it shows good practice on.")
    )
    subject_type: str | None = Field(description=N_("What it is about: instrument or mechanism."))
    subject: str | None = Field(description=N_("Slug of the instrument or mechanism."))
    country: str | None = Field(description=N_("ISO 3166-1 alpha-3 code of its country."))
    assessment: int | None = Field(
        description=N_("Id of the assessment whose rating it singles out, if any.")
    )
    sources: list[SourceOut] = Field(description=N_("Where the facts of this record come from."))
    page: str = Field(description=N_("Its place on the site."))

    class Meta:
        model = GoodPractice
        fields = ["id", *_translated("title"), *_translated("explanation"), "created", "updated"]

    @staticmethod
    def resolve_framework(obj) -> str | None:
        return obj.criterion.framework.slug if obj.criterion_id else None

    @staticmethod
    def resolve_criterion(obj) -> str | None:
        return obj.criterion.code if obj.criterion_id else None

    @staticmethod
    def resolve_subject_type(obj) -> str | None:
        return _subject_type(obj.subject)

    @staticmethod
    def resolve_subject(obj) -> str | None:
        subject = obj.subject
        return subject.slug if subject is not None else None

    @staticmethod
    def resolve_country(obj) -> str | None:
        return _country_of(obj.subject)

    @staticmethod
    def resolve_assessment(obj) -> int | None:
        return obj.rating.assessment_id if obj.rating_id else None

    @staticmethod
    def resolve_sources(obj) -> list[dict]:
        return _sources(obj)

    @staticmethod
    def resolve_page(obj) -> str:
        return page_url(obj)
