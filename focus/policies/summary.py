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

from focus.geo.models import Jurisdiction

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


def country_summaries(on: dt.date | None = None, countries=None) -> dict[int, CountrySummary]:
    """Summaries of every country (or of `countries`), keyed by country id.

    `on` is a date, or None for the present as the sources report it. Costs the same few
    queries whatever the number of countries and instruments.
    """
    if countries is None:
        countries = Jurisdiction.objects.countries().select_related("region")
    summaries = {c.pk: CountrySummary(country=c) for c in countries}
    flags: dict[int, dict[str, bool]] = defaultdict(dict)

    in_countries = Q(jurisdiction_id__in=list(summaries)) | Q(
        jurisdiction__parent_id__in=list(summaries)
    )
    instruments = Instrument.objects.with_developments().filter(in_countries)
    for instrument in instruments:
        jurisdiction = instrument.jurisdiction
        country_id = jurisdiction.parent_id or jurisdiction.pk
        summary = summaries[country_id]
        summary.instrument_count += 1
        if instrument.international or instrument.instrument_type in _NOT_DOMESTIC:
            continue
        status = instrument.current_status if on is None else instrument.status_on(on)
        national = jurisdiction.kind == Jurisdiction.Kind.COUNTRY
        if status in EFFECTIVE_STATUSES:
            summary.effective.append(instrument)
            if not national:
                flags[country_id]["subnational"] = True
            elif instrument.instrument_type == InstrumentType.LAW:
                flags[country_id]["national_law"] = True
            elif instrument.instrument_type != InstrumentType.DRAFT_BILL:
                flags[country_id]["national_other"] = True
        elif status in PENDING_STATUSES:
            summary.pending.append(instrument)
            if national:
                flags[country_id]["pending"] = True

    for mechanism in Mechanism.objects.select_related("jurisdiction").filter(in_countries):
        country_id = mechanism.jurisdiction.parent_id or mechanism.jurisdiction_id
        if mechanism.operating_on(on):
            national = mechanism.jurisdiction.kind == Jurisdiction.Kind.COUNTRY
            flags[country_id]["mechanism" if national else "subnational"] = True

    for country_id, summary in summaries.items():
        f = flags.get(country_id, {})
        summary.category = _category(
            f.get("national_law", False),
            f.get("national_other", False),
            f.get("mechanism", False),
            f.get("pending", False),
            f.get("subnational", False),
        )
    return summaries


def country_summary(country: Jurisdiction, on: dt.date | None = None) -> CountrySummary:
    """The summary of one country."""
    return country_summaries(on, countries=[country])[country.pk]
