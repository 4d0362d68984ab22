"""A small observatory for the open-data tests (synthetic: Q-codes are ISO's private use)."""

import datetime as dt

import pytest

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.library.models import Document
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Organisation
from focus.policies.tests.factories import (
    DevelopmentFactory,
    InstrumentFactory,
    MechanismFactory,
    MechanismFigureFactory,
    SourceFactory,
)
from focus.policies.vocabulary import InstrumentType, OrganisationKind


@pytest.fixture
def observatory(db, settings):
    """Two regions, three countries (one with a state), laws with their histories, a
    mechanism, documents (one unpublished) and their authors."""
    settings.API_RATE_LIMITS = ["100000/m", "100000/h"]
    settings.DOWNLOAD_RATE_LIMITS = ["100000/m", "100000/h"]
    americas = RegionFactory()
    africa = RegionFactory(code="africa", name_en="Africa", order=1)
    land = CountryFactory(code="QMA", iso_alpha2="QM", name_en="Testland", region=americas)
    other = CountryFactory(code="QNA", iso_alpha2="QN", name_en="Otherland", region=americas)
    far = CountryFactory(code="QOA", iso_alpha2="QO", name_en="Farland", region=africa)
    state = SubdivisionFactory(parent=land, code="QM-ST", name_en="Test State")
    source = SourceFactory(url="https://example.org/gazette/1", title="Official gazette")
    law = InstrumentFactory(jurisdiction=land, slug="qma-law", title_en="Protection law")
    law.sources.add(source)
    for date, kind in [
        (dt.date(2011, 3, 1), DevelopmentType.BILL_INTRODUCED),
        (dt.date(2012, 6, 25), DevelopmentType.ADOPTED),
    ]:
        DevelopmentFactory(instrument=law, date=date, development_type=kind)
    state_law = InstrumentFactory(jurisdiction=state, slug="qm-st-law")
    DevelopmentFactory(
        instrument=state_law,
        jurisdiction=state,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date(2019, 5, 1),
    )
    draft = InstrumentFactory(
        jurisdiction=other, slug="qna-draft", instrument_type=InstrumentType.DRAFT_BILL
    )
    DevelopmentFactory(
        instrument=draft,
        development_type=DevelopmentType.BILL_INTRODUCED,
        date=dt.date(2020, 2, 1),
        date_precision=DatePrecision.MONTH,
    )
    DevelopmentFactory(instrument=None, jurisdiction=far, date=dt.date(2021, 1, 1))
    mechanism = MechanismFactory(jurisdiction=land, slug="qma-mechanism")
    mechanism.instruments.add(law)
    MechanismFigureFactory(mechanism=mechanism)
    ngo = Organisation.objects.create(slug="test-ngo", name="Test NGO", kind=OrganisationKind.NGO)
    ngo.countries.add(land)
    report = Document.objects.create(
        slug="qma-report", title_en="A report on Testland", kind="publication",
        date=dt.date(2020, 5, 4), date_precision=DatePrecision.DAY,
    )  # fmt: skip
    report.authors.add(ngo)
    report.jurisdictions.add(land)
    report.instruments.add(law)
    Document.objects.create(
        slug="qma-unpublished", title_en="Not yet published", kind="publication",
        date=None, date_precision=DatePrecision.UNKNOWN, published=False,
    )  # fmt: skip
    return {
        "land": land,
        "other": other,
        "far": far,
        "state": state,
        "law": law,
        "mechanism": mechanism,
    }
