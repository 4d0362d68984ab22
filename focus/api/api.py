"""The read-only public REST API, /api/v1/ (django-ninja; OpenAPI 3 at /api/v1/openapi.json).

Every list reads the same QuerySet methods and is checked by the same filter forms as the
site's pages, so the API never answers differently from the site. Anything wrong in a
request is a 400 whose JSON body names the parameter and says what was wrong.
"""

import datetime as dt
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.throttling import SimpleRateThrottle

from focus.core.forms import PlaceFilterForm
from focus.core.http import client_key
from focus.geo.models import Jurisdiction, Region
from focus.library.filters import LibraryFilterForm
from focus.library.models import Document
from focus.library.vocabulary import LANGUAGE_CHOICES, DocumentKind
from focus.policies.forms import InstrumentFilterForm, MechanismFilterForm, TimelineFilterForm
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development, Instrument, Mechanism, Organisation, Source
from focus.policies.vocabulary import InstrumentType, MechanismKind, MechanismStatus
from focus.search.forms import SearchForm
from focus.search.models import RecordType
from focus.search.query import best_snippet, search, with_texts
from focus.standards.forms import (
    AssessmentFilterForm,
    CriterionFilterForm,
    RecommendationFilterForm,
)
from focus.standards.models import Assessment, Recommendation
from focus.standards.vocabulary import Body, Implementation, Response, Theme

from . import exports, vocabularies
from .pagination import (
    BadParameter,
    CursorPagination,
    PageParameters,
    decode_cursor,
    encode_cursor,
    next_url,
)
from .schemas import (
    AssessmentOut,
    CriterionOut,
    DevelopmentOut,
    DocumentOut,
    ErrorOut,
    GoodPracticeOut,
    InstrumentOut,
    JurisdictionOut,
    MechanismOut,
    OrganisationOut,
    RecommendationOut,
    RegionOut,
    SourceRecordOut,
    StandardOut,
    page_url,
    published,
    record,
)


def _choice(choices) -> Any:
    """A parameter that takes one of a vocabulary's codes (listed in the OpenAPI schema)."""
    return Literal[tuple(choices.values)]


class ClientThrottle(SimpleRateThrottle):
    """Requests per client, counted under a keyed hash of its address that changes every
    day (core.http.client_key): the cache never holds an address. Rates are read from the
    settings on each request, as "number/period"."""

    def __init__(self, index: int):
        self.index = index
        super().__init__(self._setting())

    def _setting(self) -> str:
        return settings.API_RATE_LIMITS[self.index]

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self._setting()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return f"api-throttle-{self.index}-{client_key(request).hex()}"


class _Encoder(NinjaJSONEncoder):
    """Times to the microsecond, written as the exports write them (pydantic's JSON)."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class _Renderer(JSONRenderer):
    encoder_class = _Encoder
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Focus open data API",
    version="1",
    description=(
        "Every public record of Focus, the Global Observatory on public policies for the "
        "protection of human rights defenders: regions, jurisdictions, instruments (with "
        "their derived status and its history), mechanisms, developments, documents, "
        "organisations, sources, standards and their provisions, assessment criteria, "
        "published assessments with their ratings and evidence, recommendations made to "
        "states, good practices, and search. Read-only; no key needed. Lists are paged "
        "with a cursor: follow `next` until it is null. The data is published under the "
        "Creative Commons Attribution 4.0 licence (CC BY 4.0), except what comes from "
        "others and says so (recommendations: UPR Info's database, cited, not "
        "relicensed); the same tables can be downloaded whole from the site's Open data "
        "page."
    ),
    urls_namespace="v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ClientThrottle(0), ClientThrottle(1)],
    renderer=_Renderer(),
)

ERRORS = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def _error(request, status: int, detail: str, errors: list | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


@api.exception_handler(BadParameter)
def _bad_parameter(request, exc: BadParameter):
    return _error(
        request,
        400,
        _("The request has a parameter the API cannot use."),
        [{"parameter": exc.parameter, "message": exc.message}],
    )


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = [
        {
            "parameter": ".".join(str(part) for part in error.get("loc", ())[1:])
            or str(error.get("loc", [""])[0]),
            "message": str(error.get("msg", "")),
        }
        for error in exc.errors
    ]
    return _error(request, 400, _("The request has a parameter the API cannot use."), errors)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    response = _error(request, exc.status_code, str(exc.message))
    if exc.status_code == 429:
        wait = getattr(exc, "wait", None)
        if wait:
            response["Retry-After"] = str(int(wait) + 1)
    return response


def known_parameters(*schemas: type[Schema]):
    """Reject a query parameter the operation does not know (a typo must not silently
    return everything)."""
    allowed = {name for schema in schemas for name in schema.model_fields}

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            unknown = sorted(set(request.GET) - allowed)
            if unknown:
                raise BadParameter(
                    unknown[0],
                    _("Unknown parameter “%(name)s”. This list takes: %(known)s.")
                    % {"name": unknown[0][:40], "known": ", ".join(sorted(allowed))},
                )
            return view(request, *args, **kwargs)

        return checked

    return decorate


def checked_filters(form_class, filters: Schema, **form_kwargs) -> dict:
    """The filters, as the site's own filter form reads and checks them."""
    data = {
        name: value.isoformat() if isinstance(value, dt.date) else str(value)
        for name, value in filters.model_dump(exclude_none=True).items()
    }
    form = form_class(data, **form_kwargs)
    if not form.is_valid():
        name, messages = next(iter(form.errors.items()))
        raise BadParameter(name, " ".join(messages))
    return form.cleaned_data


def listed(table: str, filters: dict):
    """A list's records: the table the downloads write, with the same filters."""
    return exports.TABLES[table].queryset(filters)


def last_modified(response: HttpResponse, *moments) -> None:
    """Last-Modified from the latest of the moments (a conditional GET can then say 304)."""
    latest = max((m for m in moments if m), default=None)
    if latest:
        response["Last-Modified"] = http_date(latest.timestamp())


def _not_found(what: str):
    raise HttpError(404, _("There is no %(record)s with this identifier.") % {"record": what})


SLUG = Path(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=150)
CODE = Path(..., pattern=r"^[-A-Za-z0-9]+$", max_length=12)


# --- the API's own index ------------------------------------------------------------


class IndexOut(Schema):
    title: str
    licence: str
    citation: str
    documentation: str
    openapi: str
    resources: dict[str, str]


@api.get("/", response=IndexOut, tags=["about"], summary="What this API holds")
def index(request):
    base = request.build_absolute_uri("/api/v1/")
    names = [
        "regions",
        "jurisdictions",
        "instruments",
        "mechanisms",
        "developments",
        "documents",
        "organisations",
        "sources",
        "standards",
        "criteria",
        "assessments",
        "recommendations",
        "good-practices",
        "search",
        "vocabularies",
    ]
    return {
        "title": api.title,
        "licence": "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",
        "citation": vocabularies.citation(),
        "documentation": f"{base}docs",
        "openapi": f"{base}openapi.json",
        "resources": {name: f"{base}{name}" for name in names},
    }


@api.get(
    "/vocabularies",
    response=dict[str, dict[str, dict[str, str]]],
    tags=["about"],
    summary="The codes of every vocabulary, with their labels in English, Spanish and French",
)
def vocabulary_list(request):
    return vocabularies.all_labels()


# --- regions and jurisdictions --------------------------------------------------------


@api.get("/regions", response={200: list[published(RegionOut)], **ERRORS}, tags=["places"])
@known_parameters()
def region_list(request):
    """Every region (a handful: not paged)."""
    return [record(RegionOut, region) for region in Region.objects.all()]


@api.get("/regions/{code}", response={200: published(RegionOut), **ERRORS}, tags=["places"])
@known_parameters()
def region_detail(request, code: str = CODE):
    return record(RegionOut, Region.objects.filter(code=code).first() or _not_found(_("region")))


class JurisdictionFilters(Schema):
    kind: _choice(Jurisdiction.Kind) | None = Field(None, description="country, subdivision…")
    region: str | None = Field(None, max_length=40, description="A region's code.")
    country: str | None = Field(
        None, max_length=3, description="A country's ISO 3166-1 alpha-3 code: its subdivisions."
    )


@api.get(
    "/jurisdictions", response={200: list[published(JurisdictionOut)], **ERRORS}, tags=["places"]
)
@paginate(CursorPagination, schema=JurisdictionOut)
@known_parameters(JurisdictionFilters, PageParameters)
def jurisdiction_list(request, filters: Query[JurisdictionFilters]):
    """Countries, subnational units and regional bodies."""
    cleaned = checked_filters(PlaceFilterForm, filters)
    return listed("jurisdictions", {**cleaned, "kind": filters.kind or ""})


@api.get(
    "/jurisdictions/{code}", response={200: published(JurisdictionOut), **ERRORS}, tags=["places"]
)
@known_parameters()
def jurisdiction_detail(request, code: str = CODE):
    return Jurisdiction.objects.select_related("region", "parent").filter(
        code=code.upper()
    ).first() or _not_found(_("jurisdiction"))


# --- instruments, mechanisms, developments ---------------------------------------------


class InstrumentFilters(Schema):
    region: str | None = Field(None, max_length=40, description="A region's code.")
    country: str | None = Field(
        None, max_length=3, description="ISO 3166-1 alpha-3 code (its states' texts included)."
    )
    type: _choice(InstrumentType) | None = Field(None, description="The kind of text.")


@api.get(
    "/instruments", response={200: list[published(InstrumentOut)], **ERRORS}, tags=["policies"]
)
@paginate(CursorPagination, schema=InstrumentOut)
@known_parameters(InstrumentFilters, PageParameters)
def instrument_list(request, filters: Query[InstrumentFilters]):
    """Laws, decrees, policies and draft bills, with the status their developments give."""
    cleaned = checked_filters(InstrumentFilterForm, filters)
    return listed("instruments", cleaned)


@api.get(
    "/instruments/{slug}", response={200: published(InstrumentOut), **ERRORS}, tags=["policies"]
)
@known_parameters()
def instrument_detail(request, response: HttpResponse, slug: str = SLUG):
    item = Instrument.objects.for_export().filter(slug=slug).first() or _not_found(_("instrument"))
    last_modified(response, item.updated, *(d.updated for d in item.developments.all()))
    return record(InstrumentOut, item)


class MechanismFilters(Schema):
    region: str | None = Field(None, max_length=40, description="A region's code.")
    country: str | None = Field(None, max_length=3, description="ISO 3166-1 alpha-3 code.")
    kind: _choice(MechanismKind) | None = Field(None, description="The kind of body.")
    status: _choice(MechanismStatus) | None = Field(None, description="Whether it works now.")


@api.get("/mechanisms", response={200: list[published(MechanismOut)], **ERRORS}, tags=["policies"])
@paginate(CursorPagination, schema=MechanismOut)
@known_parameters(MechanismFilters, PageParameters)
def mechanism_list(request, filters: Query[MechanismFilters]):
    """Public bodies and programmes that carry out protection."""
    cleaned = checked_filters(MechanismFilterForm, filters)
    return listed("mechanisms", cleaned)


@api.get("/mechanisms/{slug}", response={200: published(MechanismOut), **ERRORS}, tags=["policies"])
@known_parameters()
def mechanism_detail(request, response: HttpResponse, slug: str = SLUG):
    item = Mechanism.objects.for_export().filter(slug=slug).first() or _not_found(_("mechanism"))
    last_modified(response, item.updated)
    return record(MechanismOut, item)


class DevelopmentFilters(Schema):
    region: str | None = Field(None, max_length=40, description="A region's code.")
    country: str | None = Field(
        None, max_length=3, description="ISO 3166-1 alpha-3 code (its states included)."
    )
    type: _choice(DevelopmentType) | None = Field(None, description="What happened.")
    start: dt.date | None = Field(None, description="Dated on or after (YYYY-MM-DD).")
    end: dt.date | None = Field(None, description="Dated on or before (YYYY-MM-DD).")


@api.get(
    "/developments", response={200: list[published(DevelopmentOut)], **ERRORS}, tags=["policies"]
)
@paginate(CursorPagination, schema=DevelopmentOut)
@known_parameters(DevelopmentFilters, PageParameters)
def development_list(request, filters: Query[DevelopmentFilters]):
    """Every dated, sourced event: the timeline's filters, in the order of the ids."""
    cleaned = checked_filters(TimelineFilterForm, filters)
    return listed("developments", cleaned)


@api.get(
    "/developments/{id}", response={200: published(DevelopmentOut), **ERRORS}, tags=["policies"]
)
@known_parameters()
def development_detail(request, response: HttpResponse, id: int = Path(..., ge=1, le=2**63 - 1)):
    item = Development.objects.for_export().filter(pk=id).first() or _not_found(_("development"))
    last_modified(response, item.updated)
    return record(DevelopmentOut, item)


# --- library ----------------------------------------------------------------------------


class DocumentFilters(Schema):
    region: str | None = Field(None, max_length=40, description="A region's code.")
    country: str | None = Field(None, max_length=3, description="ISO 3166-1 alpha-3 code.")
    kind: _choice(DocumentKind) | None = Field(None, description="The kind of document.")
    author: str | None = Field(None, max_length=120, description="An organisation's slug.")
    year: int | None = Field(None, ge=1900, le=2100, description="The year of its date.")
    language: Literal[tuple(code for code, _label in LANGUAGE_CHOICES)] | None = Field(
        None, description="The language of one of its files."
    )


@api.get("/documents", response={200: list[published(DocumentOut)], **ERRORS}, tags=["library"])
@paginate(CursorPagination, schema=DocumentOut)
@known_parameters(DocumentFilters, PageParameters)
def document_list(request, filters: Query[DocumentFilters]):
    """The library: laws, decrees, rulings, reports… (the library's filters)."""
    cleaned = checked_filters(LibraryFilterForm, filters)
    return listed("documents", cleaned)


@api.get("/documents/{slug}", response={200: published(DocumentOut), **ERRORS}, tags=["library"])
@known_parameters()
def document_detail(request, response: HttpResponse, slug: str = SLUG):
    item = Document.objects.for_export().filter(slug=slug).first() or _not_found(_("document"))
    last_modified(response, item.updated)
    return record(DocumentOut, item)


class OrganisationFilters(Schema):
    country: str | None = Field(None, max_length=3, description="ISO 3166-1 alpha-3 code.")


@api.get(
    "/organisations", response={200: list[published(OrganisationOut)], **ERRORS}, tags=["library"]
)
@paginate(CursorPagination, schema=OrganisationOut)
@known_parameters(OrganisationFilters, PageParameters)
def organisation_list(request, filters: Query[OrganisationFilters]):
    """State bodies, NGOs, UN and regional bodies that wrote or issued documents."""
    cleaned = checked_filters(PlaceFilterForm, filters)
    organisations = Organisation.objects.prefetch_related("countries")
    if cleaned["country"]:
        organisations = organisations.filter(countries=cleaned["country"])
    return organisations


@api.get(
    "/organisations/{slug}", response={200: published(OrganisationOut), **ERRORS}, tags=["library"]
)
@known_parameters()
def organisation_detail(request, slug: str = SLUG):
    item = Organisation.objects.prefetch_related("countries").filter(slug=slug).first()
    return record(OrganisationOut, item or _not_found(_("organisation")))


@api.get("/sources", response={200: list[published(SourceRecordOut)], **ERRORS}, tags=["library"])
@paginate(CursorPagination, schema=SourceRecordOut)
@known_parameters(PageParameters)
def source_list(request):
    """Every source cited by a record."""
    return Source.objects.all()


# --- standards, assessments, recommendations, good practices ---------------------------


@api.get("/standards", response={200: list[published(StandardOut)], **ERRORS}, tags=["standards"])
@paginate(CursorPagination, schema=StandardOut)
@known_parameters(PageParameters)
def standard_list(request):
    """International and regional reference texts on defenders, each with its provisions."""
    return listed("standards", {})


@api.get("/standards/{slug}", response={200: published(StandardOut), **ERRORS}, tags=["standards"])
@known_parameters()
def standard_detail(request, slug: str = SLUG):
    item = exports.TABLES["standards"].records().filter(slug=slug).first()
    return record(StandardOut, item or _not_found(_("standard")))


class CriterionFilters(Schema):
    framework: str | None = Field(None, max_length=80, description="A framework's slug.")
    theme: _choice(Theme) | None = Field(
        None, description="The theme that groups criteria across frameworks."
    )


@api.get("/criteria", response={200: list[published(CriterionOut)], **ERRORS}, tags=["standards"])
@paginate(CursorPagination, schema=CriterionOut)
@known_parameters(CriterionFilters, PageParameters)
def criterion_list(request, filters: Query[CriterionFilters]):
    """The criteria of the assessment frameworks, with the provisions they rest on."""
    cleaned = checked_filters(CriterionFilterForm, filters)
    return listed("criteria", cleaned)


class AssessmentFilters(Schema):
    region: str | None = Field(None, max_length=40, description="A region's code.")
    country: str | None = Field(
        None,
        max_length=3,
        description="ISO 3166-1 alpha-3 code of what was assessed (its states' included).",
    )
    framework: str | None = Field(None, max_length=80, description="A framework's slug.")
    current: bool | None = Field(
        None,
        description="true: only the latest assessment of each record against each framework.",
    )


@api.get(
    "/assessments", response={200: list[published(AssessmentOut)], **ERRORS}, tags=["standards"]
)
@paginate(CursorPagination, schema=AssessmentOut)
@known_parameters(AssessmentFilters, PageParameters)
def assessment_list(request, filters: Query[AssessmentFilters]):
    """Published assessments of instruments and mechanisms against a framework, as of a
    date, each with its ratings: the answer to each criterion, its justification and its
    evidence. Earlier assessments of the same record stay listed (`current=true`: only
    the latest)."""
    cleaned = checked_filters(AssessmentFilterForm, filters)
    return listed("assessments", cleaned)


@api.get(
    "/assessments/{id}", response={200: published(AssessmentOut), **ERRORS}, tags=["standards"]
)
@known_parameters()
def assessment_detail(request, response: HttpResponse, id: int = Path(..., ge=1, le=2**63 - 1)):
    item = Assessment.objects.for_export().filter(pk=id).first() or _not_found(_("assessment"))
    last_modified(response, item.updated)
    return record(AssessmentOut, item)


class RecommendationFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words that must all be in the text.")
    region: str | None = Field(None, max_length=40, description="A region's code.")
    country: str | None = Field(
        None, max_length=3, description="ISO 3166-1 alpha-3 code of the state under review."
    )
    body: _choice(Body) | None = Field(None, description="Who made it.")
    response: _choice(Response) | None = Field(None, description="The state's response.")
    implementation: _choice(Implementation) | None = Field(
        None, description="How far the state implemented it."
    )
    session: int | None = Field(None, ge=1, le=999, description="Session of the body.")
    cycle: int | None = Field(None, ge=1, le=99, description="Review cycle (UPR).")
    theme: str | None = Field(
        None, max_length=200, description="A theme, by its name as the `themes` column gives it."
    )
    recommending_state: str | None = Field(
        None, max_length=3, description="ISO 3166-1 alpha-3 code of the recommending state."
    )


@api.get(
    "/recommendations",
    response={200: list[published(RecommendationOut)], **ERRORS},
    tags=["standards"],
)
@paginate(CursorPagination, schema=RecommendationOut)
@known_parameters(RecommendationFilters, PageParameters)
def recommendation_list(request, filters: Query[RecommendationFilters]):
    """What UN and regional bodies recommended to states, the state's
    response and what it did about it. Source of the recommendations, responses, action
    categories and themes: UPR Info's database (upr-info.org), which states no licence:
    cite UPR Info; these records are not relicensed under CC BY 4.0."""
    cleaned = checked_filters(RecommendationFilterForm, filters)
    return listed("recommendations", cleaned)


@api.get(
    "/recommendations/{id}",
    response={200: published(RecommendationOut), **ERRORS},
    tags=["standards"],
)
@known_parameters()
def recommendation_detail(request, response: HttpResponse, id: int = Path(..., ge=1, le=2**63 - 1)):
    item = Recommendation.objects.for_export().filter(pk=id).first()
    item = item or _not_found(_("recommendation"))
    last_modified(response, item.updated)
    return record(RecommendationOut, item)


@api.get(
    "/good-practices",
    response={200: list[published(GoodPracticeOut)], **ERRORS},
    tags=["standards"],
)
@paginate(CursorPagination, schema=GoodPracticeOut)
@known_parameters(PageParameters)
def good_practice_list(request):
    """Provisions, records and answers that editors single out as good practice."""
    return listed("good_practices", {})


# --- search -----------------------------------------------------------------------------


class SearchParameters(Schema):
    q: str = Field(..., min_length=1, max_length=1000, description="What to look for.")
    type: _choice(RecordType) | None = Field(None, description="One kind of record.")
    country: str | None = Field(None, max_length=3, description="ISO 3166-1 alpha-3 code.")
    region: str | None = Field(None, max_length=40, description="A region's code.")
    author: str | None = Field(None, max_length=120, description="An organisation's slug.")
    language: Literal[tuple(code for code, _label in LANGUAGE_CHOICES)] | None = Field(
        None, description="Language of the text."
    )
    year: int | None = Field(None, ge=1900, le=2100, description="Year of the record.")
    kind: str | None = Field(None, max_length=40, description="A record type's kind code.")
    sort: Literal["relevance", "date"] | None = Field(None, description="relevance or date.")
    cursor: str | None = Field(None, max_length=200, description="The `next` link's cursor.")
    page_size: int = Field(20, ge=1, le=100, description="How many results a page holds.")


class FacetValue(Schema):
    value: str
    count: int


class SearchResult(Schema):
    record_type: str
    slug: str = Field(description="The record's slug (documents, instruments, mechanisms).")
    record_id: int = Field(description="The record's id (a development is named by it).")
    page: int = Field(description="For a page of a document's text, its number; 0 otherwise.")
    titles: dict[str, str] = Field(description="The title in each language it has.")
    snippet: str = Field(description="The passage that matches, as HTML: words found in <mark>.")
    country: str | None
    date: dt.date | None
    url: str = Field(description="Where the site shows it.")


class SearchOut(Schema):
    count: int = Field(description="How many entries match.")
    facets: dict[str, list[FacetValue]]
    items: list[SearchResult]
    next: str | None


@api.get("/search", response={200: SearchOut, **ERRORS}, tags=["search"])
@known_parameters(SearchParameters)
def search_list(request, parameters: Query[SearchParameters]):
    """The site's one search over instruments, mechanisms, developments and documents, with
    the same refinements, ranking and counts."""
    data = parameters.model_dump(exclude_none=True, exclude={"cursor", "page_size"})
    form = SearchForm({name: str(value) for name, value in data.items()})
    if not form.is_valid():
        name, messages = next(iter(form.errors.items()))
        raise BadParameter(name, " ".join(map(str, messages)))
    query, entries, counts = search(
        form.cleaned_data["q"], filters=form.filters(), order=form.cleaned_data["sort"]
    )
    if query.empty:
        raise BadParameter("q", _("Write at least one word to look for."))
    start = decode_cursor("offset", parameters.cursor)
    size = parameters.page_size
    total = entries.count()
    shown = with_texts(list(entries[start : start + size])) if start < total else []
    facet_values = _facet_values(counts)
    return {
        "count": total,
        "facets": facet_values,
        "items": [
            {
                "record_type": entry.record_type,
                "slug": entry.slug,
                "record_id": entry.record_id,
                "page": entry.page,
                "titles": {k: v for k, v in entry.titles.items() if v},
                "snippet": str(best_snippet(entry, query).html),
                "country": entry.country.code if entry.country else None,
                "date": entry.date,
                "url": page_url(entry),
            }
            for entry in shown
        ],
        "next": next_url(request, encode_cursor("offset", start + size))
        if start + size < total
        else None,
    }


def _facet_values(counts: dict) -> dict[str, list[dict]]:
    """Facet values as the API's parameters take them: codes and slugs, not ids."""
    ids = {name: [v for v, _n in rows] for name, rows in counts.items()}
    names: dict[str, dict] = {
        "country": Jurisdiction.objects.in_bulk(ids.get("country", [])),
        "region": Region.objects.in_bulk(ids.get("region", [])),
        "authors": Organisation.objects.in_bulk(ids.get("authors", [])),
    }
    as_value = {
        "country": lambda v: names["country"][v].code.lower(),
        "region": lambda v: names["region"][v].code,
        "authors": lambda v: names["authors"][v].slug,
    }
    parameter = {"record_type": "type", "authors": "author"}
    return {
        parameter.get(name, name): [
            {"value": as_value.get(name, str)(v), "count": n} for v, n in rows
        ]
        for name, rows in counts.items()
    }
