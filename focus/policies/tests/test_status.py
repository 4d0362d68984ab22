"""Status is derived from developments, across whole lifecycles."""

import datetime as dt

import pytest

from focus.core.dates import DatePrecision
from focus.policies.lifecycle import DevelopmentType as T
from focus.policies.vocabulary import Status

from .factories import DevelopmentFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


def develop(instrument, date, kind, precision=DatePrecision.DAY):
    return DevelopmentFactory(
        instrument=instrument, date=date, date_precision=precision, development_type=kind
    )


def test_full_lifecycle_from_draft_to_repeal():
    law = InstrumentFactory()
    develop(law, dt.date(2010, 3, 1), T.DRAFT_PRESENTED)
    develop(law, dt.date(2011, 5, 10), T.BILL_INTRODUCED)
    develop(law, dt.date(2012, 4, 30), T.ADOPTED)
    develop(law, dt.date(2012, 6, 26), T.ENTERED_INTO_FORCE)
    develop(law, dt.date(2020, 11, 6), T.AMENDED)
    develop(law, dt.date(2024, 1, 15), T.REPEALED)

    assert law.status_on(dt.date(2009, 12, 31)) is None
    assert law.status_on(dt.date(2010, 3, 1)) == Status.DRAFT
    assert law.status_on(dt.date(2011, 12, 31)) == Status.UNDER_DEBATE
    assert law.status_on(dt.date(2012, 5, 1)) == Status.ADOPTED
    assert law.status_on(dt.date(2015, 1, 1)) == Status.IN_FORCE
    assert law.status_on(dt.date(2021, 1, 1)) == Status.AMENDED
    assert law.status_on(dt.date(2024, 1, 15)) == Status.REPEALED
    assert law.current_status == Status.REPEALED
    assert [c.status for c in law.status_history()] == [
        Status.DRAFT,
        Status.UNDER_DEBATE,
        Status.ADOPTED,
        Status.IN_FORCE,
        Status.AMENDED,
        Status.REPEALED,
    ]


def test_several_developments_on_one_day_follow_the_lifecycle_not_the_entry_order():
    decree = InstrumentFactory()
    day = dt.date(2017, 2, 22)
    # Entered in the reverse of the order in which they happen.
    develop(decree, day, T.ENTERED_INTO_FORCE)
    develop(decree, day, T.ADOPTED)
    develop(decree, day, T.STATEMENT)
    assert decree.status_on(day) == Status.IN_FORCE
    assert [c.status for c in decree.status_history()] == [Status.ADOPTED, Status.IN_FORCE]


def test_a_month_precision_development_counts_once_the_month_is_over():
    law = InstrumentFactory()
    develop(law, dt.date(2016, 8, 1), T.ADOPTED, DatePrecision.MONTH)
    assert law.status_on(dt.date(2016, 8, 15)) is None
    assert law.status_on(dt.date(2016, 8, 31)) == Status.ADOPTED


def test_a_year_precision_development_counts_once_the_year_is_over():
    law = InstrumentFactory()
    develop(law, dt.date(2018, 1, 1), T.ADOPTED, DatePrecision.YEAR)
    assert law.status_on(dt.date(2018, 6, 1)) is None
    assert law.status_on(dt.date(2018, 12, 31)) == Status.ADOPTED


def test_a_year_known_adoption_and_a_day_known_entry_into_force_in_the_same_year():
    law = InstrumentFactory()
    develop(law, dt.date(2018, 1, 1), T.ADOPTED, DatePrecision.YEAR)
    develop(law, dt.date(2018, 6, 1), T.ENTERED_INTO_FORCE)
    assert law.status_on(dt.date(2018, 7, 1)) == Status.IN_FORCE
    assert law.status_on(dt.date(2019, 1, 1)) == Status.IN_FORCE


def test_a_draft_bill_is_not_shown_as_in_force():
    bill = InstrumentFactory()
    develop(bill, dt.date(2019, 6, 1), T.BILL_INTRODUCED)
    develop(bill, dt.date(2019, 9, 1), T.BILL_APPROVED_BY_CHAMBER)
    develop(bill, dt.date(2020, 1, 1), T.STATEMENT)
    assert bill.current_status == Status.UNDER_DEBATE


def test_a_regulation_issued_under_a_law_in_force_does_not_set_it_back():
    law = InstrumentFactory()
    develop(law, dt.date(2015, 5, 15), T.ENTERED_INTO_FORCE)
    develop(law, dt.date(2016, 8, 20), T.REGULATION_ISSUED)
    assert law.current_status == Status.IN_FORCE


def test_a_stalled_bill_can_be_introduced_again():
    bill = InstrumentFactory()
    develop(bill, dt.date(2014, 9, 2), T.BILL_INTRODUCED)
    develop(bill, dt.date(2016, 1, 1), T.STALLED)
    develop(bill, dt.date(2025, 3, 1), T.BILL_INTRODUCED)
    assert bill.status_on(dt.date(2020, 1, 1)) == Status.STALLED
    assert bill.current_status == Status.UNDER_DEBATE


def test_suspension_and_reinstatement():
    law = InstrumentFactory()
    develop(law, dt.date(2015, 1, 1), T.ENTERED_INTO_FORCE)
    develop(law, dt.date(2019, 1, 1), T.SUSPENDED)
    develop(law, dt.date(2020, 1, 1), T.REINSTATED)
    assert law.status_on(dt.date(2019, 6, 1)) == Status.SUSPENDED
    assert law.current_status == Status.IN_FORCE


def test_an_undated_reported_status_counts_for_the_present_only():
    policy = InstrumentFactory()
    develop(policy, dt.date(2017, 2, 22), T.ADOPTED)
    DevelopmentFactory(
        instrument=policy,
        date=None,
        date_precision=DatePrecision.UNKNOWN,
        development_type=T.ENTERED_INTO_FORCE,
    )
    assert policy.status_on(dt.date(2025, 1, 1)) == Status.ADOPTED
    assert policy.current_status == Status.IN_FORCE
    assert policy.current_status_change.date is None


def test_developments_without_a_status_change_nothing():
    law = InstrumentFactory()
    for kind in [
        T.STATEMENT,
        T.EVALUATION_PUBLISHED,
        T.BUDGET_CHANGE,
        T.RECOMMENDATION_ISSUED,
        T.PUBLISHED,
    ]:
        develop(law, dt.date(2020, 1, 1), kind)
    assert law.current_status is None
    assert law.current_status_display() == "status not known"


def test_the_database_refuses_a_date_without_its_precision():
    from django.db import IntegrityError, transaction

    development = DevelopmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(development).objects.filter(pk=development.pk).update(date=None)
