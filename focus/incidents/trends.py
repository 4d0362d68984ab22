"""The public trends: counts of acts against defenders by year, country, region, kind of
act, defender profile, gender and kind of perpetrator, read from TrendCell (never from
the cases) and held back by suppression.py.

A view counts by one dimension under at most MAX_FILTERS filters on the others: the
suppression keeps every view safe against each view with one filter fewer, and fewer
filters leave fewer views to combine.
"""

import operator
from collections import Counter
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from focus.geo.models import Jurisdiction, Region

from . import vocabulary
from .models import Act, TrendCell, TrendTotal
from .suppression import View, publish
from .vocabulary import Gender, PerpetratorKind, Profile

DIMENSIONS = ("year", "country", "region", "act", "profile", "gender", "perpetrator")
MAX_FILTERS = 2


def threshold() -> int:
    return getattr(settings, "TRENDS_THRESHOLD", 5)


@transaction.atomic
def rebuild() -> int:
    """Count the acts again into TrendCell, in one grouped query; returns the cells."""
    rows = Act.objects.values(
        d_year=ExtractYear("incident__date"),
        d_country=F("incident__country__code"),
        d_region=F("incident__country__region__code"),
        d_act=F("kind"),
        d_profile=F("victim__profile"),
        d_gender=F("victim__gender"),
        d_perpetrator=F("perpetrator__kind"),
    ).annotate(acts=Count("pk"))
    TrendCell.objects.all().delete()
    cells = TrendCell.objects.bulk_create(
        (
            TrendCell(
                year=row["d_year"],
                country=row["d_country"],
                region=row["d_region"] or "",
                act=row["d_act"],
                profile=row["d_profile"] or Profile.UNKNOWN,
                gender=row["d_gender"] or Gender.UNKNOWN,
                perpetrator=row["d_perpetrator"] or PerpetratorKind.UNKNOWN,
                acts=row["acts"],
            )
            for row in rows
        ),
        batch_size=5000,
    )
    _rebuild_totals()
    return len(cells)


def _value(value) -> str:
    return str(value) if value is not None else "unknown"


def _rebuild_totals() -> None:
    """Sum the cells by each dimension, with no filter and under each filter on one other
    dimension (7 + 42 grouped queries), into TrendTotal."""
    totals = []
    for by in DIMENSIONS:
        for row in TrendCell.objects.values(by).annotate(n=Sum("acts")).order_by():
            totals.append(TrendTotal(by=by, value=_value(row[by]), acts=row["n"]))
        for name in DIMENSIONS:
            if name == by:
                continue
            rows = TrendCell.objects.values(name, by).annotate(n=Sum("acts")).order_by()
            totals += [
                TrendTotal(
                    by=by,
                    value=_value(row[by]),
                    filter_name=name,
                    filter_value=_value(row[name]),
                    acts=row["n"],
                )
                for row in rows
            ]
    TrendTotal.objects.all().delete()
    TrendTotal.objects.bulk_create(totals, batch_size=5000)


def cube() -> list[dict]:
    """Every trend cell, read whole: what counts() counts in Python, for tests and checks.
    Pages count in the database (counted()): the cells are too many to read."""
    return list(TrendCell.objects.values(*DIMENSIONS, "acts"))


def counts(cells: list[dict], filters: dict, by: str) -> dict[str, int]:
    total: Counter = Counter()
    for cell in cells:
        if all(str(cell[name]) == str(value) for name, value in filters.items()):
            total[str(cell[by]) if cell[by] is not None else "unknown"] += cell["acts"]
    return dict(total)


def views(filters: dict) -> list[dict]:
    """The filters of a view, then of each view with one filter fewer, which publish()
    keeps it safe against."""
    if len(filters) > MAX_FILTERS:
        raise ValueError(f"at most {MAX_FILTERS} filters at once")
    return [filters] + [
        {name: value for name, value in filters.items() if name != left_out} for left_out in filters
    ]


def view(cells: list[dict], filters: dict, by: str) -> View:
    """The counts by one dimension under the filters, as the public may see them."""
    kept = views(filters)
    if by in filters:
        raise ValueError(f"{by} is both counted by and filtered on")
    view_counts, *wider = (counts(cells, each, by) for each in kept)
    return publish(view_counts, wider, threshold())


def counted(filters: dict, dimensions: list[str]) -> dict[str, list[dict[str, int]]]:
    """What counts() gives for each of `dimensions` and each of views(filters), read in
    the database: the views with no filter or one (most views, and every view one filter
    wider than another) from TrendTotal in one query; a view with two filters from its
    own cells, read in one query."""
    kept = views(filters)
    totals: dict[str, list[dict[str, int]]] = {by: [{} for _ in kept] for by in dimensions}
    small = [(i, each) for i, each in enumerate(kept) if len(each) <= 1]
    wanted = reduce(
        operator.or_,
        (
            Q(filter_name="")
            if not each
            else Q(filter_name=next(iter(each)), filter_value=str(next(iter(each.values()))))
            for _i, each in small
        ),
    )
    rows = TrendTotal.objects.filter(wanted, by__in=dimensions).values_list(
        "by", "value", "filter_name", "filter_value", "acts"
    )
    for by, value, name, filter_value, acts in rows:
        for i, each in small:
            if (not each and not name) or (name in each and str(each[name]) == filter_value):
                totals[by][i][value] = acts
    for i, each in enumerate(kept):
        if len(each) < 2:
            continue
        for by, found in _two_filter_counts(each, dimensions).items():
            totals[by][i] = found
    return totals


def _two_filter_counts(filters: dict, dimensions: list[str]) -> dict[str, dict[str, int]]:
    """A view with two filters, by each dimension, from its own cells. On PostgreSQL in one
    pass over them (GROUPING SETS); elsewhere, the cells are read once and summed here."""
    if not set(filters) <= set(DIMENSIONS) or not set(dimensions) <= set(DIMENSIONS):
        raise ValueError("trends count by their own dimensions only")
    cells = TrendCell.objects.filter(**filters)
    if connection.vendor != "postgresql":
        rows = list(cells.values(*dimensions, "acts"))
        return {by: counts(rows, {}, by) for by in dimensions}
    table = TrendCell._meta.db_table
    where = " AND ".join(f'"{name}" = %s' for name in filters)
    params = [TrendCell._meta.get_field(name).get_prep_value(v) for name, v in filters.items()]  # type: ignore[union-attr]
    columns = ", ".join(f'"{d}"' for d in dimensions)
    flags = ", ".join(f'GROUPING("{d}")' for d in dimensions)
    sets = ", ".join(f'("{d}")' for d in dimensions)
    query = (
        f'SELECT {columns}, {flags}, SUM("acts") FROM "{table}" '  # noqa: S608 (names are ours)
        f"WHERE {where} GROUP BY GROUPING SETS ({sets})"
    )
    found: dict[str, dict[str, int]] = {by: {} for by in dimensions}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for row in cursor.fetchall():
            values, grouped, acts = row[: len(dimensions)], row[len(dimensions) : -1], row[-1]
            # GROUPING() is 0 for the dimension the row is grouped by.
            at = grouped.index(0)
            found[dimensions[at]][_value(values[at])] = acts
    return found


BAR_SPACE = 220


@dataclass(frozen=True)
class Row:
    value: str
    label: str
    count: int | None
    width: float
    y: int


@dataclass(frozen=True)
class Breakdown:
    """One view for a page: its rows, for the table and the chart."""

    dimension: str
    title: str
    rows: list[Row]
    total: int | None

    @property
    def height(self) -> int:
        return 24 * len(self.rows) + 4


def _labels(dimension: str, values) -> dict[str, str]:
    choices = {
        "act": vocabulary.ActKind,
        "profile": vocabulary.Profile,
        "gender": vocabulary.Gender,
        "perpetrator": vocabulary.PerpetratorKind,
    }
    if dimension in choices:
        labels = {str(v): str(label) for v, label in choices[dimension].choices}
    elif dimension == "country":
        labels = {j.code: str(j.name) for j in Jurisdiction.objects.filter(code__in=list(values))}
    elif dimension == "region":
        labels = {r.code: str(r.name) for r in Region.objects.filter(code__in=list(values))}
    else:
        labels = {}
    return {
        value: labels.get(value, value if value != "unknown" else gettext("not known"))
        for value in values
    }


def breakdowns(filters: dict[str, str]) -> list[Breakdown]:
    """Every breakdown of the trends page under the filters: two to four grouped queries
    for the counts (counted()), one per breakdown of places for their names."""
    titles = {
        "year": _("By year"),
        "region": _("By region"),
        "country": _("By country"),
        "act": _("By act"),
        "profile": _("By defender profile"),
        "gender": _("By gender"),
        "perpetrator": _("By perpetrator"),
    }
    shown = [
        dimension
        for dimension in DIMENSIONS
        if dimension not in filters and not (dimension == "region" and "country" in filters)
    ]
    every = counted(filters, shown)
    breakdowns = []
    for dimension in shown:
        view_counts, *wider = every[dimension]
        published = publish(view_counts, wider, threshold())
        if not published.cells:
            continue
        values = sorted(published.cells, key=lambda v: (v == "unknown", v))
        if dimension != "year":
            values.sort(key=lambda v: (v == "unknown", -(published.cells[v] or 0)))
        rows = _rows(dimension, published, values)
        breakdowns.append(Breakdown(dimension, str(titles[dimension]), rows, published.total))
    return breakdowns


def country_years(country, also_years=()) -> Breakdown | None:
    """A country's acts by year, as the public may see them: one query for the country's
    counts and the world's (the view one filter wider). `also_years` are shown even with
    no act (the years its laws took effect), so that before and after can be read."""
    rows = (
        TrendCell.objects.values("year")
        .annotate(world=Sum("acts"), here=Sum("acts", filter=Q(country=country.code)))
        .order_by("year")
    )
    here, world = {}, {}
    for row in rows:
        year = str(row["year"]) if row["year"] is not None else "unknown"
        world[year] = row["world"] or 0
        if row["here"]:
            here[year] = row["here"]
    if not here:
        return None
    for year in also_years:
        here.setdefault(str(year), 0)
    published = publish(here, [world], threshold())
    # The years it has acts in, and those withheld.
    values = sorted(
        (v for v, count in published.cells.items() if v in here or count is None),
        key=lambda v: (v == "unknown", v),
    )
    return Breakdown("year", gettext("By year"), _rows("year", published, values), published.total)


def _rows(dimension: str, published: View, values: list[str]) -> list[Row]:
    """The rows of a chart and its table: labels, and bars scaled to the largest count."""
    labels = _labels(dimension, values)
    top = max((c for c in published.cells.values() if c), default=1)
    return [
        Row(
            value,
            labels[value],
            published.cells[value],
            round((published.cells[value] or 0) / top * BAR_SPACE, 1),
            i * 24 + 2,
        )
        for i, value in enumerate(values)
    ]
