"""The annual Focus report's figures for a calendar year, read from the data.

`figures(year)` computes them in the active language: developments by region and type,
instruments adopted, drafts that advanced or stalled, instruments repealed or suspended,
mechanisms set up, and what changed on the map between 1 January and 31 December. An
editor's preview shows them live; publishing freezes them, in every language, as JSON
(`snapshot`), so a published report does not change when the data does.

Only dated developments count: a status the sources report without a date cannot be
placed in a year. A date known to the month or the year counts in that year.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from focus.core.dates import DatePrecision, format_partial_date
from focus.geo.models import Jurisdiction
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development, Instrument, Mechanism
from focus.policies.summary import load_records, summarise
from focus.policies.vocabulary import (
    EFFECTIVE_STATUSES,
    PENDING_STATUSES,
    Status,
    SummaryCategory,
)

# The first year a report can cover, and the last: the current one (a preview of a year
# still running is allowed; publishing one is not).
FIRST_YEAR = 1998  # the UN Declaration on Human Rights Defenders

# The shape of the figures. Published reports keep theirs for ever: a change of shape
# bumps this, and the templates must still read every earlier shape.
SCHEMA = 1

# How a change of status in the year is reported.
ADVANCED = {Status.UNDER_DEBATE, *EFFECTIVE_STATUSES}
HALTED = {Status.STALLED, Status.REJECTED}
ENDED = {Status.REPEALED, Status.SUSPENDED}


def years() -> range:
    return range(FIRST_YEAR, dt.date.today().year + 1)


def _in_year(date: dt.date | None, precision: str, year: int) -> bool:
    return date is not None and precision != DatePrecision.UNKNOWN and date.year == year


def _record(instrument, change) -> dict:
    place = instrument.jurisdiction
    country = place.parent if place.parent_id else place
    return {
        "title": instrument.display_title,
        "path": instrument.get_absolute_url(),
        "place": place.name,
        "country": country.name,
        "country_code": country.code,
        "date": format_partial_date(change.date, change.date_precision),
        "sort": change.date.isoformat(),
        "status": str(Status(change.status).label),
    }


def _status_changes(records, year: int) -> dict[str, list[dict]]:
    """The instruments whose status changed in the year, by what the change means."""
    found: dict[str, list[dict]] = {"adopted": [], "advanced": [], "stalled": [], "ended": []}
    for instruments in records.instruments.values():
        for instrument in instruments:
            if instrument.international:
                continue
            previous = None
            for change in instrument.status_history():
                if _in_year(change.date, change.date_precision, year):
                    entry = _record(instrument, change)
                    if change.status in EFFECTIVE_STATUSES and previous not in EFFECTIVE_STATUSES:
                        found["adopted"].append(entry)
                    if change.status in ADVANCED and previous in PENDING_STATUSES:
                        found["advanced"].append(entry)
                    elif change.status in HALTED:
                        found["stalled"].append(entry)
                    elif change.status in ENDED:
                        found["ended"].append(entry)
                previous = change.status
    for entries in found.values():
        entries.sort(key=lambda e: (e["sort"], e["country"], e["title"]))
    return found


def _mechanisms(records, year: int) -> list[dict]:
    found = []
    for mechanisms in records.mechanisms.values():
        for mechanism in mechanisms:
            if _in_year(mechanism.start_date, mechanism.start_date_precision, year):
                place = mechanism.jurisdiction
                found.append(
                    {
                        "title": mechanism.display_name,
                        "path": mechanism.get_absolute_url(),
                        "place": place.name,
                        "date": format_partial_date(
                            mechanism.start_date, mechanism.start_date_precision
                        ),
                        "sort": mechanism.start_date.isoformat(),
                    }
                )
    return sorted(found, key=lambda e: (e["sort"], e["place"], e["title"]))


def _region(place: Jurisdiction) -> tuple[str, str]:
    region = place.region or (place.parent.region if place.parent else None)
    return (region.code, region.name) if region else ("", "")


def _developments(year: int) -> dict:
    """Developments of the year by region and type: one query."""
    rows = (
        Development.objects.filter(date__year=year, date__isnull=False)
        .exclude(date_precision=DatePrecision.UNKNOWN)
        .select_related("jurisdiction__region", "jurisdiction__parent__region")
    )
    cells: Counter = Counter()
    regions: dict[str, str] = {}
    for development in rows:
        code, name = _region(development.jurisdiction)
        regions[code] = name
        cells[(code, development.development_type)] += 1
    types = sorted(
        {kind for _code, kind in cells},
        key=lambda k: -sum(n for (_c, t), n in cells.items() if t == k),
    )
    order = sorted(regions, key=lambda c: (c == "", regions[c]))
    return {
        "regions": [
            {
                "code": code,
                "name": regions[code] or _("Not in a region"),
                "total": sum(cells[(code, t)] for t in types),
            }
            for code in order
        ],
        "types": [
            {
                "code": t,
                "label": str(DevelopmentType(t).label),
                "counts": [cells[(code, t)] for code in order],
                "total": sum(cells[(code, t)] for code in order),
            }
            for t in types
        ],
        "total": sum(cells.values()),
    }


def _map(records, year: int) -> dict:
    """Each country's category on 1 January and on 31 December, and the changes."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    before, after = summarise(records, start), summarise(records, end)
    changes = [
        {
            "country": after[pk].country.name,
            "code": after[pk].country.code,
            "path": after[pk].country.get_absolute_url(),
            "before": before[pk].category_label,
            "after": after[pk].category_label,
        }
        for pk in after
        if before[pk].category != after[pk].category
    ]

    def coloured(summaries):
        return {
            s.country.code: (s.country.name, s.country.get_absolute_url(), str(s.category))
            for s in summaries.values()
        }

    return {
        "start": coloured(before),
        "end": coloured(after),
        "changes": sorted(changes, key=lambda c: c["country"]),
        "tally": [
            {
                "code": str(category),
                "category": str(category.label),
                "start": sum(1 for s in before.values() if s.category == category),
                "end": sum(1 for s in after.values() if s.category == category),
            }
            for category in SummaryCategory
        ],
    }


def figures(year: int, records=None, counts=None) -> dict:
    """The year's figures, in the active language, as plain data (JSON-ready)."""
    records = records or load_records()
    return {
        "schema": SCHEMA,
        "year": year,
        "records": counts or record_counts(),
        "developments": _developments(year),
        **_status_changes(records, year),
        "mechanisms": _mechanisms(records, year),
        "map": _map(records, year),
    }


def snapshot(year: int) -> dict[str, dict]:
    """The figures in every language of the site, to freeze: the records are read once."""
    records, counts = load_records(), record_counts()
    frozen = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            frozen[code] = figures(year, records, counts)
    return frozen


def data_version() -> str:
    """When the data a report is built from last changed: the time of the last change to
    an instrument, mechanism or development (their history tables count deletions too).
    The figures also keep how many of each there were (`records`)."""
    moments = [
        model.history.aggregate(last=Max("history_date"))["last"]
        for model in (Instrument, Mechanism, Development)
    ]
    moments = [m for m in moments if m is not None]
    return max(moments).strftime("%Y-%m-%dT%H:%M:%SZ") if moments else ""


def record_counts() -> dict[str, int]:
    return {
        "instruments": Instrument.objects.count(),
        "mechanisms": Mechanism.objects.count(),
        "developments": Development.objects.count(),
    }


class NotAllowed(Exception):
    """A step this report cannot take."""


@transaction.atomic
def publish(report, by) -> None:
    """Freeze the report: its figures in every language and the data version; from now
    on it does not change."""
    report = type(report).objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise NotAllowed(_("This edition is already published; issue a new edition instead."))
    if report.year >= dt.date.today().year:
        raise NotAllowed(_("A year's report can be published once the year has ended."))
    if report.edition > 1 and not report.changelog.strip():
        raise NotAllowed(_("Say what changed since the previous edition before publishing."))
    report.mark_published(snapshot(report.year), data_version(), by)
    report.save()


@transaction.atomic
def new_edition(report):
    """A draft of the next edition of a published report, with its texts to revise."""
    if not report.is_published:
        raise NotAllowed(_("Publish this edition before issuing a new one."))
    model = type(report)
    last = model.objects.filter(year=report.year).aggregate(n=Max("edition"))["n"]
    draft = model.objects.filter(year=report.year, published__isnull=True).first()
    if draft is not None:
        return draft
    copy = model(year=report.year, edition=last + 1)
    for code, _name in settings.LANGUAGES:
        for field in ("introduction", "analysis"):
            name = f"{field}_{code}"
            setattr(copy, name, getattr(report, name))
    copy.save()
    return copy


# Charts: horizontal bars drawn on the server as SVG, each with the same numbers as a
# table beside it (what screen readers and Tor Browser's safest mode use).
BAR_LABEL = 230
BAR_SPACE = 260
BAR_ROW = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    label_width: int = BAR_LABEL
    width: int = BAR_LABEL + BAR_SPACE + 50

    @property
    def height(self) -> int:
        return BAR_ROW * len(self.bars) + 4


def bar_chart(title: str, rows: list[tuple[str, int]]) -> BarChart:
    top = max((value for _label, value in rows), default=0) or 1
    return BarChart(
        title,
        [
            Bar(label, value, i * BAR_ROW + 2, round(value / top * BAR_SPACE, 1))
            for i, (label, value) in enumerate(rows)
        ],
    )


def charts(figures: dict) -> list[BarChart]:
    developments = figures["developments"]
    return [
        bar_chart(
            _("Developments by region"),
            [(r["name"], r["total"]) for r in developments["regions"]],
        ),
        bar_chart(
            _("Developments by type"),
            [(t["label"], t["total"]) for t in developments["types"]],
        ),
    ]
