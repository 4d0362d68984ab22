"""Properties of status derivation, over many generated sequences of developments."""

import datetime as dt
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from focus.core.dates import DatePrecision
from focus.policies.lifecycle import TRANSITIONS, DevelopmentType, derive_status, status_history


@dataclass
class Dev:
    date: dt.date | None
    date_precision: str
    development_type: str
    pk: int


developments = st.lists(
    st.builds(
        Dev,
        date=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
        date_precision=st.just(DatePrecision.DAY),
        development_type=st.sampled_from(list(DevelopmentType)),
        pk=st.integers(min_value=1, max_value=10_000),
    ),
    max_size=12,
)


@given(developments)
def test_the_derived_status_does_not_depend_on_the_order_of_entry(devs):
    assert derive_status(devs) == derive_status(list(reversed(devs)))


@given(developments)
def test_every_status_change_is_one_a_transition_allows(devs):
    previous = None
    for change in status_history(devs):
        assert change.status != previous
        previous = change.status
    assert derive_status(devs) == previous


@given(developments, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_the_status_on_a_date_ignores_later_developments(devs, on):
    earlier = [d for d in devs if d.date <= on]
    assert derive_status(devs, on=on) == derive_status(earlier, on=on)


@given(developments)
def test_types_without_a_transition_never_change_a_status(devs):
    neutral = [d for d in devs if d.development_type not in TRANSITIONS]
    assert derive_status(neutral) is None
