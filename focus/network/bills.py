"""The bill tracker of a network's members' space: the draft bills and the bills under
debate or stalled in the countries where the network has active members (their
subnational units included), with what a parliamentarian can do at each stage.

A bill's status is derived from its developments (focus.policies.lifecycle), never
stored; the tracker costs a fixed number of queries whatever the number of bills.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from focus.core.text import sort_key
from focus.geo.models import Jurisdiction
from focus.policies.lifecycle import TRANSITIONS, StatusChange
from focus.policies.models import Development, Instrument
from focus.policies.vocabulary import PENDING_STATUSES, Status
from focus.standards.models import Standard
from focus.standards.vocabulary import StandardKind

from .models import Member, Network
from .vocabulary import MembershipStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The Model Law's code in the standards seed (focus/standards/seed/standards.csv).
MODEL_LAW_CODE = "ISHR_MODEL_LAW"

# The statuses the tracker follows: PENDING_STATUSES, then stalled bills in their own group.
TRACKED_STATUSES = (Status.DRAFT, Status.UNDER_DEBATE, Status.STALLED)

# Only a development of these types gives a tracked status: an instrument with none of
# them can be neither pending nor stalled, so the database leaves it out.
_TRACKED_TYPES = sorted(
    str(kind) for kind, change in TRANSITIONS.items() if change.status in TRACKED_STATUSES
)


@dataclass(frozen=True)
class Step:
    """One thing a parliamentarian can do, with a text to read first where there is one."""

    text: "StrOrPromise"
    link: str = ""
    link_text: "StrOrPromise" = ""


@dataclass(frozen=True)
class Bill:
    instrument: Instrument
    change: StatusChange  # its current status, and the development that gave it
    latest: Development | None
    steps: tuple[Step, ...]

    @property
    def status(self) -> Status:
        return Status(self.change.status)

    @property
    def national(self) -> bool:
        return self.instrument.jurisdiction.kind == Jurisdiction.Kind.COUNTRY


@dataclass(frozen=True)
class CountryBills:
    country: Jurisdiction
    bills: list[Bill]


@dataclass(frozen=True)
class Tracker:
    pending: list[CountryBills]  # drafts and bills under debate
    stalled: list[CountryBills]
    model_law: Standard | None

    @property
    def empty(self) -> bool:
        return not (self.pending or self.stalled)


def member_countries(network: Network, member: Member | None = None) -> list[Jurisdiction]:
    """The countries where the network has active members: the member's own first, then
    the others in alphabetical order of their names in the active language."""
    countries = Jurisdiction.objects.countries().filter(
        pk__in=Member.objects.filter(network=network, status=MembershipStatus.ACTIVE).values(
            "country"
        )
    )
    own = member.country_id if member else None
    return sorted(countries, key=lambda c: (c.pk != own, sort_key(c.name)))


def model_law() -> Standard | None:
    """The Model Law among the standards: by its seed code, else the first model law."""
    return _model_law_of(
        Standard.objects.filter(Q(code=MODEL_LAW_CODE) | Q(kind=StandardKind.MODEL_LAW))
    )


def standards_to_work_from() -> list[Standard]:
    """Every standard of the analysis, the Model Law first (one query)."""
    standards = list(Standard.objects.all())
    first = _model_law_of(standards)
    if first is None:
        return standards
    return [first, *(s for s in standards if s.pk != first.pk)]


def _model_law_of(standards) -> Standard | None:
    laws = [s for s in standards if s.code == MODEL_LAW_CODE or s.kind == StandardKind.MODEL_LAW]
    return min(laws, key=lambda s: (s.code != MODEL_LAW_CODE, s.position, s.code), default=None)


def steps(status: Status, law: Standard | None = None) -> tuple[Step, ...]:
    """What a parliamentarian can do for a bill at this stage, one short line each."""
    read: dict[str, Any] = (
        {"link": law.get_absolute_url(), "link_text": _("Read the Model Law")} if law else {}
    )
    if status == Status.DRAFT:
        return (
            Step(_("Ask the government to publish the draft and to consult defenders on it.")),
            Step(_("Compare it with the Model Law and say where it falls short."), **read),
            Step(_("Table it, or co-sponsor it, once it protects defenders well.")),
        )
    if status == Status.UNDER_DEBATE:
        return (
            Step(_("Propose amendments that bring it in line with the Model Law."), **read),
            Step(_("Ask the committee to hear defenders and their organisations.")),
            Step(_("Put a question to the minister responsible.")),
            Step(_("Vote, and explain your vote in the record.")),
        )
    if status == Status.STALLED:
        return (
            Step(_("Ask a parliamentary question about the delay.")),
            Step(_("Ask for it to be put back on the agenda.")),
            Step(_("Join members of other parties to move it forward.")),
        )
    return ()


def track(countries: list[Jurisdiction]) -> Tracker:
    """The drafts, the bills under debate and the stalled bills of these countries and of
    their subnational units, by country in the order given, in four queries."""
    ids = [c.pk for c in countries]
    instruments = (
        Instrument.objects.with_developments()
        .filter(Q(jurisdiction_id__in=ids) | Q(jurisdiction__parent_id__in=ids))
        # A text an international body issued about a country is not its parliament's.
        .filter(international=False)
        .filter(
            pk__in=Development.objects.filter(development_type__in=_TRACKED_TYPES).values(
                "instrument_id"
            )
        )
    )
    law = model_law()
    stage_steps = {status: steps(status, law) for status in TRACKED_STATUSES}
    by_country: dict[int, list[Bill]] = {pk: [] for pk in ids}
    for instrument in instruments:
        change = instrument.current_status_change
        if change is None or change.status not in TRACKED_STATUSES:
            continue
        developments = list(instrument.developments.all())
        by_country[instrument.jurisdiction.country.pk].append(
            Bill(instrument, change, _latest(developments), stage_steps[change.status])
        )
    pending: list[CountryBills] = []
    stalled: list[CountryBills] = []
    for country in countries:
        bills = sorted(by_country[country.pk], key=_bill_order)
        for group, chosen in (
            (pending, [b for b in bills if b.status in PENDING_STATUSES]),
            (stalled, [b for b in bills if b.status == Status.STALLED]),
        ):
            if chosen:
                group.append(CountryBills(country, chosen))
    return Tracker(pending=pending, stalled=stalled, model_law=law)


def _latest(developments: list[Development]) -> Development | None:
    """The latest dated development; one whose date is not known only if none is dated."""
    dated = [d for d in developments if d.date is not None]
    if dated:
        return max(dated, key=lambda d: (d.date, d.pk))
    return developments[-1] if developments else None


def _bill_order(bill: Bill):
    """National bills first, then each subnational unit's; by title inside them."""
    jurisdiction = bill.instrument.jurisdiction
    return (not bill.national, sort_key(jurisdiction.name), sort_key(bill.instrument.display_title))
