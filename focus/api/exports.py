"""Bulk exports: every public table, whole, as CSV or JSON, streamed in constant memory.

Each table is read with the QuerySet methods and written with the schema the API uses
(focus.api.schemas), so a row of the CSV, an item of the JSON and a record of the API are
the same thing. The site's download views and `manage.py export_open_data` both write
through `rows()`, `csv_chunks()` and `json_chunks()`.
"""

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from ninja import Schema

from focus.core.forms import PlaceFilterForm
from focus.core.models import exported
from focus.geo.models import Jurisdiction, Region
from focus.library.filters import LibraryFilterForm
from focus.library.models import Document
from focus.policies.forms import InstrumentFilterForm, MechanismFilterForm, TimelineFilterForm
from focus.policies.models import (
    Development,
    Instrument,
    Mechanism,
    MechanismFigure,
    Organisation,
    Source,
)
from focus.standards.forms import (
    AssessmentFilterForm,
    CriterionFilterForm,
    RecommendationFilterForm,
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

from . import schemas, vocabularies

CHUNK = 1000
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class Table:
    """A public table: what it holds, how it is read, filtered and written."""

    name: str
    title: object  # a lazy translated string
    description: object
    model: type[models.Model]
    schema: type[Schema]
    records: Callable[[], models.QuerySet]
    filter_form: type | None = None
    # Called with the records' own QuerySet, whose methods (`filtered`) it may use.
    apply_filters: Callable[[Any, dict], models.QuerySet] | None = None
    # Where the records come from when the observatory did not write them, and on what
    # terms (a lazy translated string; shown with the table and in its JSON file).
    note: object = ""

    def queryset(self, filters: dict | None = None) -> models.QuerySet:
        records = self.records()
        if filters and self.apply_filters:
            records = self.apply_filters(records, filters)
        return records.order_by("pk")

    def columns(self) -> list[str]:
        """The schema's fields: the model's own first, then the related and derived ones."""
        return schemas.columns(self.schema)


def _developments(records, f):
    return records.filtered(
        region=f["region"],
        country=f["country"],
        development_type=f["type"],
        start=f["start"],
        end=f["end"],
    )


def _instruments(records, f):
    return records.filtered(region=f["region"], country=f["country"], instrument_type=f["type"])


def _jurisdictions(records, f):
    return records.filtered(region=f["region"], country=f["country"], kind=f.get("kind", ""))


def _criteria(records, f):
    if f["framework"] is not None:
        records = records.filter(framework=f["framework"])
    if f["theme"]:
        records = records.filter(theme=f["theme"])
    return records


def _assessments(records, f):
    """By the place of the instrument or mechanism assessed (a country's states included),
    by framework; `current`: only the latest of each record against each framework."""
    return records.filtered(
        region=f["region"],
        country=f["country"],
        framework=f["framework"],
        current=bool(f.get("current")),
    )


def _ratings(records, f):
    return records.filter(assessment__in=_assessments(Assessment.objects.published(), f))


def _recommendations(records, f):
    return records.filtered(
        region=f["region"],
        country=f["country"],
        body=f["body"],
        response=f["response"],
        implementation=f["implementation"],
        cycle=f["cycle"],
        session=f["session"],
        recommending_state=f["recommending_state"],
        theme=f["theme"],
        words=f.get("q", ""),
    )


def _standards():
    return Standard.objects.prefetch_related(
        exported("sources"),
        exported("documents", Document.objects.public().only("pk", "slug", "published")),
        exported("provisions", Provision.objects.prefetch_related(exported("sources"))),
    )


def _ratings_of_published():
    return Rating.objects.filter(assessment__in=Assessment.objects.published()).select_related(
        "assessment__framework",
        "assessment__instrument__jurisdiction__parent",
        "assessment__mechanism__jurisdiction__parent",
        "source",
        "document",
    )


def _public_good_practices():
    """Published good practices; one that singles out a rating only once the rating's
    assessment is published."""
    return (
        GoodPractice.objects.public()
        .select_related(
            "criterion__framework",
            "instrument__jurisdiction__parent",
            "mechanism__jurisdiction__parent",
            "rating__assessment__instrument__jurisdiction__parent",
            "rating__assessment__mechanism__jurisdiction__parent",
        )
        .prefetch_related(exported("sources"))
    )


UPR_INFO_NOTE = _(
    "Recommendations, responses, action categories and themes come from UPR Info’s "
    "database (upr-info.org), which states no licence: they are cited, not relicensed "
    "under CC BY 4.0."
)


TABLES = {
    table.name: table
    for table in [
        Table(
            "regions",
            _("Regions"),
            _("The groupings of countries the site browses by."),
            Region,
            schemas.RegionOut,
            lambda: Region.objects.all(),
        ),
        Table(
            "jurisdictions",
            _("Jurisdictions"),
            _(
                "Countries (ISO 3166-1, and Kosovo), subnational units (ISO 3166-2) and regional bodies."
            ),
            Jurisdiction,
            schemas.JurisdictionOut,
            lambda: Jurisdiction.objects.select_related("region", "parent"),
            PlaceFilterForm,
            _jurisdictions,
        ),
        Table(
            "instruments",
            _("Instruments"),
            _(
                "Laws, decrees, policies and draft bills, with the status their developments give them."
            ),
            Instrument,
            schemas.InstrumentOut,
            lambda: Instrument.objects.for_export(),
            InstrumentFilterForm,
            _instruments,
        ),
        Table(
            "mechanisms",
            _("Mechanisms"),
            _("Public bodies and programmes that carry out protection."),
            Mechanism,
            schemas.MechanismOut,
            lambda: Mechanism.objects.for_export(),
            MechanismFilterForm,
            lambda records, f: records.filtered(**f),
        ),
        Table(
            "mechanism_figures",
            _("Mechanism figures"),
            _("Dated figures about mechanisms: requests, people protected, budget, staff."),
            MechanismFigure,
            schemas.FigureOut,
            lambda: MechanismFigure.objects.select_related("mechanism").prefetch_related("sources"),
        ),
        Table(
            "developments",
            _("Developments"),
            _("Every dated, sourced event about an instrument, a mechanism or a country."),
            Development,
            schemas.DevelopmentOut,
            lambda: Development.objects.for_export(),
            TimelineFilterForm,
            _developments,
        ),
        Table(
            "documents",
            _("Documents"),
            _("The library's public documents and their files."),
            Document,
            schemas.DocumentOut,
            lambda: Document.objects.for_export(),
            LibraryFilterForm,
            lambda records, f: records.filtered(**f),
        ),
        Table(
            "organisations",
            _("Organisations"),
            _("State bodies, NGOs, UN and regional bodies that wrote or issued documents."),
            Organisation,
            schemas.OrganisationOut,
            lambda: Organisation.objects.prefetch_related("countries"),
        ),
        Table(
            "sources",
            _("Sources"),
            _("Every source a record cites."),
            Source,
            schemas.SourceRecordOut,
            lambda: Source.objects.all(),
        ),
        Table(
            "standards",
            _("Standards"),
            _("International and regional reference texts on defenders, with their provisions."),
            Standard,
            schemas.StandardOut,
            _standards,
        ),
        Table(
            "provisions",
            _("Provisions"),
            _("The articles and sections of the standards, one row each."),
            Provision,
            schemas.ProvisionOut,
            lambda: Provision.objects.select_related("standard").prefetch_related(
                exported("sources")
            ),
        ),
        Table(
            "criteria",
            _("Criteria"),
            _("The criteria of each assessment framework, and the provisions they rest on."),
            Criterion,
            schemas.CriterionOut,
            lambda: Criterion.objects.select_related("framework").prefetch_related(
                exported("provisions", Provision.objects.only("pk")), exported("sources")
            ),
            CriterionFilterForm,
            _criteria,
        ),
        Table(
            "assessments",
            _("Assessments"),
            _(
                "Published assessments of instruments and mechanisms against a framework, "
                "as of a date, with each rating and its evidence."
            ),
            Assessment,
            schemas.AssessmentOut,
            lambda: Assessment.objects.for_export(),  # published ones only
            AssessmentFilterForm,
            _assessments,
        ),
        Table(
            "ratings",
            _("Ratings"),
            _("The ratings of the published assessments, one row per criterion."),
            Rating,
            schemas.RatingRowOut,
            _ratings_of_published,
            AssessmentFilterForm,
            _ratings,
        ),
        Table(
            "recommendations",
            _("Recommendations"),
            _(
                "What UN and regional bodies recommended to states, the state’s response "
                "and what it did about it."
            ),
            Recommendation,
            schemas.RecommendationOut,
            lambda: Recommendation.objects.for_export(),
            RecommendationFilterForm,
            _recommendations,
            note=UPR_INFO_NOTE,
        ),
        Table(
            "good_practices",
            _("Good practices"),
            _("Provisions, records and answers that editors single out as good practice."),
            GoodPractice,
            schemas.GoodPracticeOut,
            _public_good_practices,
        ),
    ]
}


def rows(table: Table, filters: dict | None = None) -> Iterator[dict]:
    """The table's records as the API gives them (JSON types), a chunk at a time."""
    for record in table.queryset(filters).iterator(chunk_size=CHUNK):
        yield schemas.jsonable(schemas.record(table.schema, record))


# OWASP: a cell that starts with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: str) -> str:
    """A text cell that a spreadsheet would run as a formula, made plain text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def cell(value, name: str = "") -> object:
    """One CSV cell: a list of codes joined by "; ", sources by their addresses, other
    lists of objects as JSON."""
    if value is None:
        return ""
    if name == "sources" and isinstance(value, list):
        value = [source["url"] for source in value]
    if isinstance(value, list):
        if all(isinstance(v, str | int) for v in value):
            value = "; ".join(str(v) for v in value)
        else:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    elif isinstance(value, bool):
        return "true" if value else "false"
    return defuse(value) if isinstance(value, str) else value


class _Line:
    """csv.writer writes into this and gets the line back."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(table: Table, filters: dict | None = None) -> Iterator[str]:
    writer = csv.writer(_Line())
    columns = table.columns()
    yield writer.writerow(columns)
    for row in rows(table, filters):
        yield writer.writerow([cell(row[name], name) for name in columns])


def metadata(table: Table, filters: dict | None = None) -> dict:
    return {
        "table": table.name,
        "description": str(table.description),
        "licence": vocabularies.LICENCE,
        "licence_url": vocabularies.LICENCE_URL,
        "citation": vocabularies.citation(),
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "filters": {k: _filter_value(v) for k, v in (filters or {}).items() if v},
        **({"note": str(table.note)} if table.note else {}),
    }


def _filter_value(value) -> str:
    """A filter as its parameter takes it: a code, a slug, a theme's name, a number."""
    for attribute in ("code", "slug", "name_en"):
        if getattr(value, attribute, None):
            return str(getattr(value, attribute))
    return str(value).lower() if isinstance(value, bool) else str(value)


def json_chunks(table: Table, filters: dict | None = None) -> Iterator[str]:
    """One JSON document: the table's metadata, then its items, written as they are read."""
    head = json.dumps(metadata(table, filters), ensure_ascii=False, cls=DjangoJSONEncoder)
    yield head[:-1] + ', "items": [\n'
    first = True
    for row in rows(table, filters):
        yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def checked_filters(table: Table, data) -> dict:
    """The filters of a download, read by the table's own filter form.

    Raises ValueError(parameter, message) when one is wrong or unknown.
    """
    if not data:
        return {}
    if table.filter_form is None:
        raise ValueError(next(iter(data)), gettext("This table cannot be filtered."))
    form = table.filter_form(data)
    unknown = sorted(set(data) - set(form.fields))
    if unknown:
        raise ValueError(
            unknown[0],
            gettext("Unknown filter “%(name)s”. This table takes: %(known)s.")
            % {"name": unknown[0][:40], "known": ", ".join(form.fields)},
        )
    if not form.is_valid():
        name, messages = next(iter(form.errors.items()))
        raise ValueError(name, " ".join(messages))
    return {k: v for k, v in form.cleaned_data.items() if k != "sort"}


def dictionary(table: Table) -> list[dict]:
    """Each column with its type and meaning, in the active language (from the models'
    help_text where the column is a model field)."""
    properties = table.schema.model_json_schema()["properties"]
    try:
        # `fields` is set by the options' metaclass, which the library does not type.
        translated = set(translator.get_options_for_model(table.model).fields)  # type: ignore[attr-defined]
    except NotRegistered:
        translated = set()
    own = set(table.schema.Meta.fields) if hasattr(table.schema, "Meta") else set()
    columns = []
    for name in table.columns():
        field = table.schema.model_fields[name]
        try:
            model_field = table.model._meta.get_field(name)
        except FieldDoesNotExist:  # a derived column
            model_field = None
        if not isinstance(model_field, models.Field):  # nor the other side of a relation
            model_field = None
        elif name not in own and not model_field.is_relation:
            model_field = None  # a derived column that shares a field's name (a rating's page)
        text = ""
        if name == "id":
            text = gettext("The record's number: it never changes and is never reused.")
        elif model_field is not None:
            text = str(getattr(model_field, "help_text", "") or model_field.verbose_name)
        if not text and field.description:
            text = gettext(field.description)
        language = name.rsplit("_", 1)[-1]
        if language in LANGUAGE_NAMES and name.removesuffix(f"_{language}") in translated:
            text = f"{text} " + gettext("(in %(language)s)") % {
                "language": str(LANGUAGE_NAMES[language])
            }
        columns.append(
            {
                "name": name,
                "type": str(TYPE_LABELS[_type_of(properties.get(name, {}))]),
                "description": text,
                "vocabulary": vocabularies.vocabulary_of(table.name, name),
            }
        )
    return columns


TYPE_LABELS = {
    "text": _("text"),
    "integer": _("integer"),
    "number": _("number"),
    "decimal": _("decimal number"),
    "boolean": _("true or false"),
    "date": _("date (YYYY-MM-DD)"),
    "date-time": _("date and time (UTC)"),
    "object": _("object"),
    "list of codes": _("list"),
    "list of objects": _("list of objects"),
}


def _type_of(spec: dict) -> str:
    kinds = [s for s in spec.get("anyOf", [spec]) if s.get("type") != "null"]
    spec = kinds[0] if kinds else {}
    kind, form = spec.get("type", ""), spec.get("format", "")
    if kind == "array":
        inner = spec.get("items", {})
        return "list of " + (
            "objects" if "$ref" in inner or inner.get("type") == "object" else "codes"
        )
    if kind == "string" and form in ("date", "date-time"):
        return form
    if kind in ("number", "integer", "boolean"):
        return kind
    if not kind and ("$ref" in spec):
        return "object"
    if kind == "string" and "pattern" in spec:
        return "decimal"
    return "object" if kind == "object" else "text"


def row_counts(tables) -> list[int]:
    """How many rows each table has, in one query whatever the number of tables (the
    open data page stays inside the pages' query budget)."""
    from django.db import connection

    parts, params = [], []
    for i, table in enumerate(tables):
        sql, values = table.queryset().order_by().values("pk").query.sql_with_params()
        # The SQL is Django's own, compiled from the ORM; every value stays a parameter.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{i})")  # noqa: S608
        params.extend(values)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())
