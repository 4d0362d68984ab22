"""A small observatory for the open-data tests (synthetic: Q-codes are ISO's private use;
the standards, assessments and recommendations are invented, not the research's or UPR
Info's)."""

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
from focus.standards.tests.factories import (
    AssessmentFactory,
    CriterionFactory,
    FrameworkFactory,
    GoodPracticeFactory,
    ProvisionFactory,
    RatingFactory,
    RecommendationFactory,
    RecommendationThemeFactory,
    StandardFactory,
)
from focus.standards.vocabulary import AssessmentStatus, RatingValue, Response, Theme


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
    standards = _standards(land, other, law, mechanism, report)
    return {
        **standards,
        "land": land,
        "other": other,
        "far": far,
        "state": state,
        "law": law,
        "mechanism": mechanism,
    }


def _standards(land, other, law, mechanism, report) -> dict:
    """A standard with two provisions, a framework with two criteria, a published
    assessment of the law and a draft one of the mechanism, a recommendation to Testland
    and good practices (one published, one unpublished, one on the draft)."""
    standard = StandardFactory(
        code="TEST-DECL", slug="test-declaration", title_en="Test declaration on defenders"
    )
    article = ProvisionFactory(standard=standard, reference="Article 12", title_en="Protest")
    ProvisionFactory(standard=standard, reference="Article 13", title_en="Resources")
    framework = FrameworkFactory(slug="test-framework", name_en="Test framework")
    prevention = CriterionFactory(
        framework=framework, code="TF-2", title_en="Prevention", theme=Theme.PREVENTION
    )
    prevention.provisions.add(article)
    budget = CriterionFactory(
        framework=framework, code="TF-10", title_en="Budget", theme=Theme.BUDGET
    )
    assessment = AssessmentFactory(
        framework=framework,
        instrument=law,
        as_of=dt.date(2024, 1, 31),
        status=AssessmentStatus.PUBLISHED,
        summary_en="The law meets most criteria.",
    )
    rating = RatingFactory(
        assessment=assessment,
        criterion=prevention,
        value=RatingValue.MEETS,
        document=report,
        passage="Article 4",
        quote="The State shall prevent attacks.",
        page=3,
    )
    RatingFactory(assessment=assessment, criterion=budget, value=RatingValue.DOES_NOT)
    draft = AssessmentFactory(
        framework=framework,
        instrument=None,
        mechanism=mechanism,
        status=AssessmentStatus.DRAFT,
        summary_en="Draft assessment, never public.",
    )
    draft_rating = RatingFactory(
        assessment=draft, criterion=prevention, justification_en="Draft rating, never public."
    )
    theme = RecommendationThemeFactory(name="Human rights defenders")
    recommendation = RecommendationFactory(
        jurisdiction=land,
        session=30,
        recommending_state=other,
        recommended_by="Otherland",
        text="Adopt a law to protect human rights defenders.",
        response=Response.ACCEPTED,
        themes=[theme],
    )
    recommendation.answered_by_instruments.add(law)
    recommendation.sources.add(SourceFactory(url="https://www.upr-info.org/", title="UPR Info"))
    GoodPracticeFactory(rating=rating, published=True, title_en="Published good practice")
    GoodPracticeFactory(rating=None, instrument=law, title_en="Unpublished good practice")
    GoodPracticeFactory(
        rating=draft_rating, published=True, title_en="Good practice of a draft assessment"
    )
    return {
        "standard": standard,
        "framework": framework,
        "assessment": assessment,
        "draft": draft,
        "recommendation": recommendation,
        "theme": theme,
    }
