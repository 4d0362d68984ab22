"""Each country's summary category, now or on any past date.

The category is read from the statuses of instruments (derived from developments) and
from the mechanisms known to work, in this order of strength:

1. specific law in force: a national law with effect (adopted, in force, amended);
2. policy or mechanism in force: any other national text with effect, or a national
   mechanism known to be working;
3. draft under discussion: a national text still a draft or under debate;
4. subnational instruments only: texts with effect, or mechanisms working, in a state or
   province, and nothing national;
5. no specific framework known.

Texts of international bodies about a country (rulings of a regional court) and a
country's foreign-policy guidelines (which protect defenders elsewhere) are shown on its
page but do not set its category.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from focus.core.dates import period_end
from focus.geo.models import Jurisdiction

from .lifecycle import gives_status
from .models import Instrument, Mechanism
from .vocabulary import EFFECTIVE_STATUSES, PENDING_STATUSES, InstrumentType, SummaryCategory

_NOT_DOMESTIC = {InstrumentType.FOREIGN_POLICY_GUIDELINE}


@dataclass
class CountrySummary:
    country: Jurisdiction
    category: SummaryCategory = SummaryCategory.NONE_KNOWN
    instrument_count: int = 0
    effective: list = field(default_factory=list)
    pending: list = field(default_factory=list)

    @property
    def category_label(self) -> str:
        return str(SummaryCategory(self.category).label)


@dataclass
class CountryRecords:
    """Countries with their instruments (developments prefetched) and mechanisms.

    Loaded once, in a fixed number of queries; summaries on any number of dates are then
    computed from it without going back to the database.
    """

    countries: dict[int, Jurisdiction]
    instruments: dict[int, list[Instrument]]
    mechanisms: dict[int, list[Mechanism]]


@dataclass(frozen=True)
class CategoryChange:
    country: Jurisdiction
    before: SummaryCategory
    after: SummaryCategory

    @property
    def before_label(self) -> str:
        return str(SummaryCategory(self.before).label)

    @property
    def after_label(self) -> str:
        return str(SummaryCategory(self.after).label)


def _category(
    national_law: bool, national_other: bool, mechanism: bool, pending: bool, subnational: bool
):
    if national_law:
        return SummaryCategory.SPECIFIC_LAW
    if national_other or mechanism:
        return SummaryCategory.POLICY_OR_MECHANISM
    if pending:
        return SummaryCategory.DRAFT
    if subnational:
        return SummaryCategory.SUBNATIONAL_ONLY
    return SummaryCategory.NONE_KNOWN


def load_records(countries=None) -> CountryRecords:
    """Every country (or `countries`) with its records: 4 queries whatever the data size."""
    if countries is None:
        countries = Jurisdiction.objects.countries().select_related("region")
    by_id = {c.pk: c for c in countries}
    instruments: dict[int, list[Instrument]] = defaultdict(list)
    mechanisms: dict[int, list[Mechanism]] = defaultdict(list)
    in_countries = Q(jurisdiction_id__in=list(by_id)) | Q(jurisdiction__parent_id__in=list(by_id))
    for instrument in Instrument.objects.with_developments().filter(in_countries):
        instruments[instrument.jurisdiction.parent_id or instrument.jurisdiction_id].append(
            instrument
        )
    for mechanism in Mechanism.objects.select_related("jurisdiction").filter(in_countries):
        mechanisms[mechanism.jurisdiction.parent_id or mechanism.jurisdiction_id].append(mechanism)
    return CountryRecords(by_id, dict(instruments), dict(mechanisms))


def summarise(records: CountryRecords, on: dt.date | None = None) -> dict[int, CountrySummary]:
    """The summary of each country of `records` on a date (None: as now reported)."""
    summaries = {}
    for country_id, country in records.countries.items():
        summary = summaries[country_id] = CountrySummary(country=country)
        flags: dict[str, bool] = {}
        for instrument in records.instruments.get(country_id, ()):
            summary.instrument_count += 1
            if instrument.international or instrument.instrument_type in _NOT_DOMESTIC:
                continue
            status = instrument.current_status if on is None else instrument.status_on(on)
            national = instrument.jurisdiction.kind == Jurisdiction.Kind.COUNTRY
            if status in EFFECTIVE_STATUSES:
                summary.effective.append(instrument)
                if not national:
                    flags["subnational"] = True
                elif instrument.instrument_type == InstrumentType.LAW:
                    flags["national_law"] = True
                elif instrument.instrument_type != InstrumentType.DRAFT_BILL:
                    flags["national_other"] = True
            elif status in PENDING_STATUSES:
                summary.pending.append(instrument)
                if national:
                    flags["pending"] = True
        for mechanism in records.mechanisms.get(country_id, ()):
            if mechanism.operating_on(on):
                national = mechanism.jurisdiction.kind == Jurisdiction.Kind.COUNTRY
                flags["mechanism" if national else "subnational"] = True
        summary.category = _category(
            flags.get("national_law", False),
            flags.get("national_other", False),
            flags.get("mechanism", False),
            flags.get("pending", False),
            flags.get("subnational", False),
        )
    return summaries


def country_summaries(on: dt.date | None = None, countries=None) -> dict[int, CountrySummary]:
    """Summaries of every country (or of `countries`), keyed by country id.

    `on` is a date, or None for the present as the sources report it. Costs the same few
    queries whatever the number of countries and instruments.
    """
    return summarise(load_records(countries), on)


def country_summary(country: Jurisdiction, on: dt.date | None = None) -> CountrySummary:
    """The summary of one country."""
    return country_summaries(on, countries=[country])[country.pk]


def category_changes(records: CountryRecords, start: dt.date, end: dt.date) -> list[CategoryChange]:
    """Countries whose category differs between two dates, by dated developments only.

    Both ends are dates (never "as now reported"), so that a status the sources report
    without a date does not show as a change of the period.
    """
    before, after = summarise(records, start), summarise(records, end)
    return [
        CategoryChange(after[pk].country, before[pk].category, after[pk].category)
        for pk in after
        if before[pk].category != after[pk].category
    ]


def category_history(records: CountryRecords) -> dict[int, list[tuple[dt.date, SummaryCategory]]]:
    """Each country's dated changes of category, oldest first, from `records` alone.

    A category can only change on a day a dated development takes effect (the last day of
    its month or year, for a partial date, as `Instrument.status_on` counts it) or a
    mechanism's start date does; the category is computed on each such day and kept where
    it differs from the one before. Undated developments are left out, as in any dated
    summary: the category as now reported may differ from the last change.
    """
    history = {}
    for country_id, country in records.countries.items():
        instruments = records.instruments.get(country_id, [])
        mechanisms = records.mechanisms.get(country_id, [])
        ends = {
            period_end(d.date, d.date_precision)
            for instrument in instruments
            for d in instrument.developments.all()
            if gives_status(d.development_type)
        } | {period_end(m.start_date, m.start_date_precision) for m in mechanisms}
        dates = {end for end in ends if end is not None}
        one = CountryRecords(
            {country_id: country}, {country_id: instruments}, {country_id: mechanisms}
        )
        changes: list[tuple[dt.date, SummaryCategory]] = []
        if dates:
            first = min(dates)
            previous = summarise(one, first - dt.timedelta(days=1))[country_id].category
            for date in sorted(dates):
                category = summarise(one, date)[country_id].category
                if category != previous:
                    changes.append((date, category))
                    previous = category
        history[country_id] = changes
    return history
