"""How developments move an instrument through its lifecycle.

The status of an instrument is never typed: it is derived, on any date, from the
developments recorded about it. Each development type may give a status, but only
from the statuses listed for it, so that a late or repeated development cannot move an
instrument backwards (a regulation issued under a law already in force leaves the law
in force; a chamber vote on a bill already adopted changes nothing).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from focus.core.dates import DatePrecision, format_partial_date, period_end

from .vocabulary import Status


class DevelopmentType(models.TextChoices):
    DRAFT_PRESENTED = "draft_presented", _("draft presented")
    BILL_INTRODUCED = "bill_introduced", _("bill introduced")
    BILL_APPROVED_BY_CHAMBER = "bill_approved_by_chamber", _("bill approved by a chamber")
    ADOPTED = "adopted", _("adopted")
    REGULATION_ISSUED = "regulation_issued", _("regulation issued")
    PUBLISHED = "published", _("published")
    ENTERED_INTO_FORCE = "entered_into_force", _("entered into force")
    AMENDED = "amended", _("amended")
    SUSPENDED = "suspended", _("suspended")
    REINSTATED = "reinstated", _("reinstated")
    STALLED = "stalled", _("stalled")
    REJECTED = "rejected", _("rejected")
    REPEALED = "repealed", _("repealed")
    MECHANISM_CREATED = "mechanism_created", _("mechanism created")
    MECHANISM_REFORMED = "mechanism_reformed", _("mechanism reformed")
    BUDGET_CHANGE = "budget_change", _("budget change")
    COURT_RULING = "court_ruling", _("court ruling")
    EVALUATION_PUBLISHED = "evaluation_published", _("evaluation published")
    RECOMMENDATION_ISSUED = "recommendation_issued", _("recommendation issued")
    STATEMENT = "statement", _("statement")


_NOT_YET = frozenset({None, Status.DRAFT, Status.UNDER_DEBATE, Status.STALLED, Status.REJECTED})
_EFFECTIVE = frozenset({Status.ADOPTED, Status.IN_FORCE, Status.AMENDED})


@dataclass(frozen=True)
class Transition:
    status: Status
    applies_from: frozenset  # statuses (None: no status yet) from which it applies


# Development type -> the status it gives, and from which statuses. Types not listed
# (statements, evaluations, budgets, rulings about a case…) never change a status.
TRANSITIONS: dict[str, Transition] = {
    DevelopmentType.DRAFT_PRESENTED: Transition(
        Status.DRAFT, frozenset({None, Status.STALLED, Status.REJECTED})
    ),
    DevelopmentType.BILL_INTRODUCED: Transition(
        Status.UNDER_DEBATE, frozenset({None, Status.DRAFT, Status.STALLED, Status.REJECTED})
    ),
    DevelopmentType.BILL_APPROVED_BY_CHAMBER: Transition(
        Status.UNDER_DEBATE, frozenset({None, Status.DRAFT, Status.STALLED})
    ),
    DevelopmentType.ADOPTED: Transition(Status.ADOPTED, _NOT_YET),
    DevelopmentType.REGULATION_ISSUED: Transition(Status.ADOPTED, _NOT_YET),
    DevelopmentType.ENTERED_INTO_FORCE: Transition(
        Status.IN_FORCE, _NOT_YET | {Status.ADOPTED, Status.SUSPENDED}
    ),
    DevelopmentType.AMENDED: Transition(Status.AMENDED, frozenset({None}) | _EFFECTIVE),
    DevelopmentType.SUSPENDED: Transition(Status.SUSPENDED, frozenset({None}) | _EFFECTIVE),
    DevelopmentType.REINSTATED: Transition(Status.IN_FORCE, frozenset({Status.SUSPENDED})),
    DevelopmentType.STALLED: Transition(
        Status.STALLED, frozenset({None, Status.DRAFT, Status.UNDER_DEBATE})
    ),
    DevelopmentType.REJECTED: Transition(
        Status.REJECTED, frozenset({None, Status.DRAFT, Status.UNDER_DEBATE, Status.STALLED})
    ),
    DevelopmentType.REPEALED: Transition(
        Status.REPEALED, frozenset({None, Status.SUSPENDED}) | _EFFECTIVE
    ),
}

# Order of developments recorded for the same day (or the same month or year).
_LIFECYCLE_ORDER = {
    t: i
    for i, t in enumerate(
        [
            DevelopmentType.DRAFT_PRESENTED,
            DevelopmentType.BILL_INTRODUCED,
            DevelopmentType.BILL_APPROVED_BY_CHAMBER,
            DevelopmentType.REJECTED,
            DevelopmentType.STALLED,
            DevelopmentType.ADOPTED,
            DevelopmentType.REGULATION_ISSUED,
            DevelopmentType.PUBLISHED,
            DevelopmentType.ENTERED_INTO_FORCE,
            DevelopmentType.AMENDED,
            DevelopmentType.SUSPENDED,
            DevelopmentType.REINSTATED,
            DevelopmentType.REPEALED,
        ]
    )
}


@dataclass(frozen=True)
class StatusChange:
    status: Status
    date: dt.date | None
    date_precision: str
    development_id: int | None
    # A court's ruling is "handed down on" a day, where a law is "adopted since" it.
    ruling: bool = False

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    @property
    def _handed_down(self) -> bool:
        return self.ruling and self.status == Status.ADOPTED

    @property
    def since(self) -> str:
        """ "since 20 June 2014", "since June 2014", "since 2014"; for a ruling handed
        down, "on 20 June 2014", "in June 2014", "in 2014"."""
        date = self.date_display
        day = self.date_precision == DatePrecision.DAY
        if self._handed_down:
            if day:
                return pgettext("a ruling handed down on a day", "on %(date)s") % {"date": date}
            return pgettext("a ruling handed down in a month or year", "in %(date)s") % {
                "date": date
            }
        if day:
            # French and Spanish put an article before a day: "depuis le 20 juin 2014".
            return pgettext("a status held since a day", "since %(date)s") % {"date": date}
        return gettext("since %(date)s") % {"date": date}

    @property
    def label(self) -> str:
        if self._handed_down:
            return pgettext("a court ruling", "handed down")
        return str(Status(self.status).label)


def gives_status(development_type: str) -> Status | None:
    """The status a development of this type gives, if any."""
    transition = TRANSITIONS.get(development_type)
    return transition.status if transition else None


def status_history(developments: Iterable, on: dt.date | None = None) -> list[StatusChange]:
    """The status changes that the developments make, oldest first.

    `developments` are objects with `date`, `date_precision`, `development_type` and `pk`.
    With `on`, only developments certain to have happened by that date count (a
    development known to a month counts from the last day of that month). Developments
    whose date is not known come after all dated ones, and count only for the present
    (`on` is None): they record a status the sources report without saying since when.
    """
    dated, undated = [], []
    for development in developments:
        if development.development_type not in TRANSITIONS:
            continue
        # None when the date is not known
        end = period_end(development.date, development.date_precision)
        if end is None:
            undated.append(development)
        elif on is None or end <= on:
            dated.append(development)
    dated.sort(key=lambda d: (d.date, _LIFECYCLE_ORDER.get(d.development_type, 99), d.pk or 0))
    undated.sort(key=lambda d: (_LIFECYCLE_ORDER.get(d.development_type, 99), d.pk or 0))
    changes: list[StatusChange] = []
    current: Status | None = None
    for development in dated + (undated if on is None else []):
        transition = TRANSITIONS[development.development_type]
        if current in transition.applies_from and transition.status != current:
            current = transition.status
            changes.append(
                StatusChange(current, development.date, development.date_precision, development.pk)
            )
    return changes


def derive_status(developments: Iterable, on: dt.date | None = None) -> Status | None:
    """The status on a date (None: as the sources now report it), or None if none yet."""
    changes = status_history(developments, on)
    return changes[-1].status if changes else None
