"""A country's summary category, now and at past dates."""

import datetime as dt

import pytest

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, SubdivisionFactory
from focus.policies.lifecycle import DevelopmentType as T
from focus.policies.summary import country_summaries, country_summary
from focus.policies.vocabulary import InstrumentType, SummaryCategory

from .factories import DevelopmentFactory, InstrumentFactory, MechanismFactory

pytestmark = pytest.mark.django_db


def develop(instrument, date, kind, precision=DatePrecision.DAY):
    DevelopmentFactory(
        instrument=instrument, date=date, date_precision=precision, development_type=kind
    )


def test_a_draft_in_2015_then_a_law_in_2018():
    country = CountryFactory()
    bill = InstrumentFactory(jurisdiction=country, instrument_type=InstrumentType.DRAFT_BILL)
    develop(bill, dt.date(2015, 3, 1), T.BILL_INTRODUCED)
    law = InstrumentFactory(jurisdiction=country, instrument_type=InstrumentType.LAW)
    develop(law, dt.date(2018, 1, 1), T.ADOPTED, DatePrecision.YEAR)

    assert country_summary(country, on=dt.date(2014, 12, 31)).category == SummaryCategory.NONE_KNOWN
    assert country_summary(country, on=dt.date(2016, 6, 1)).category == SummaryCategory.DRAFT
    assert country_summary(country, on=dt.date(2019, 1, 1)).category == SummaryCategory.SPECIFIC_LAW
    assert country_summary(country).category == SummaryCategory.SPECIFIC_LAW
    assert country_summary(country).instrument_count == 2


def test_a_repealed_law_no_longer_counts():
    country = CountryFactory()
    law = InstrumentFactory(jurisdiction=country)
    develop(law, dt.date(2010, 1, 1), T.ADOPTED)
    develop(law, dt.date(2020, 1, 1), T.REPEALED)
    assert country_summary(country, on=dt.date(2015, 1, 1)).category == SummaryCategory.SPECIFIC_LAW
    assert country_summary(country).category == SummaryCategory.NONE_KNOWN


def test_a_decree_or_a_working_mechanism_is_a_policy_in_force():
    with_decree, with_mechanism = CountryFactory(), CountryFactory()
    decree = InstrumentFactory(jurisdiction=with_decree, instrument_type=InstrumentType.DECREE)
    develop(decree, dt.date(2019, 7, 24), T.ADOPTED)
    MechanismFactory(jurisdiction=with_mechanism, start_date=dt.date(2012, 10, 1))
    summaries = country_summaries()
    assert summaries[with_decree.pk].category == SummaryCategory.POLICY_OR_MECHANISM
    assert summaries[with_mechanism.pk].category == SummaryCategory.POLICY_OR_MECHANISM
    assert (
        country_summary(with_mechanism, on=dt.date(2012, 10, 15)).category
        == SummaryCategory.NONE_KNOWN
    )
    assert (
        country_summary(with_mechanism, on=dt.date(2012, 10, 31)).category
        == SummaryCategory.POLICY_OR_MECHANISM
    )


def test_a_country_with_only_provincial_edicts_is_subnational_only():
    province = SubdivisionFactory()
    edict = InstrumentFactory(jurisdiction=province, instrument_type=InstrumentType.EDICT)
    develop(edict, dt.date(2016, 2, 10), T.ADOPTED)
    assert country_summary(province.parent).category == SummaryCategory.SUBNATIONAL_ONLY


def test_foreign_policy_guidelines_and_regional_rulings_do_not_set_the_category():
    country = CountryFactory()
    guidelines = InstrumentFactory(
        jurisdiction=country, instrument_type=InstrumentType.FOREIGN_POLICY_GUIDELINE
    )
    develop(guidelines, dt.date(2010, 1, 1), T.ADOPTED)
    ruling = InstrumentFactory(
        jurisdiction=country, instrument_type=InstrumentType.COURT_RULING, international=True
    )
    develop(ruling, dt.date(2014, 1, 1), T.ADOPTED)
    summary = country_summary(country)
    assert summary.category == SummaryCategory.NONE_KNOWN
    assert summary.instrument_count == 2


def test_summaries_cost_the_same_queries_whatever_the_number_of_countries(
    django_assert_max_num_queries,
):
    for _ in range(15):
        country = CountryFactory()
        law = InstrumentFactory(jurisdiction=country)
        develop(law, dt.date(2012, 1, 1), T.ADOPTED)
        MechanismFactory(jurisdiction=country)
    with django_assert_max_num_queries(4):
        summaries = country_summaries()
    assert sum(s.category == SummaryCategory.SPECIFIC_LAW for s in summaries.values()) == 15
