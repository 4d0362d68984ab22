"""A SYNTHETIC country with a brief's worth of records, for the briefs' tests: every
name, title, date and text here is invented ("Testland", codes QMA-QZZ)."""

import datetime as dt

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import (
    DevelopmentFactory,
    InstrumentFactory,
    MechanismFactory,
    SourceFactory,
)
from focus.policies.vocabulary import InstrumentType
from focus.standards.tests.factories import (
    AssessmentFactory,
    CriterionFactory,
    RatingFactory,
    RecommendationFactory,
)
from focus.standards.vocabulary import AssessmentStatus, RatingValue, Response


def synthetic_testland(code=None, **names):
    """Testland (a private-use code unless `code` is given): a law in force since 25 June 2012, a draft bill under debate, a
    provincial law, a protection mechanism, developments in recent years, a published
    assessment and two recommendations."""
    recent = dt.date.today().year - 1
    country = CountryFactory(
        **({"code": code, "iso_alpha2": code[:2]} if code else {}),
        region=RegionFactory(),
        name_en=names.get("en", "Testland"),
        name_es=names.get("es", "Tierra de Prueba"),
        name_fr=names.get("fr", "Pays d’essai"),
    )
    law = InstrumentFactory(
        jurisdiction=country,
        title_en="Synthetic Defenders Protection Act",
        title_fr="Loi synthétique de protection des défenseurs",
    )
    law.sources.add(SourceFactory(url="https://gazette.example.org/act", title="Synthetic Gazette"))
    DevelopmentFactory(
        instrument=law,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date(2012, 6, 25),
        summary_en="Congress adopted the synthetic act.",
    )
    DevelopmentFactory(
        instrument=law,
        development_type=DevelopmentType.STATEMENT,
        date=dt.date(recent, 3, 8),
        summary_en="A synthetic statement on the act's first years.",
        summary_fr="Une déclaration synthétique sur les premières années de la loi.",
    )
    bill = InstrumentFactory(
        jurisdiction=country,
        instrument_type=InstrumentType.DRAFT_BILL,
        title_en="Synthetic bill on journalists",
    )
    DevelopmentFactory(
        instrument=bill,
        development_type=DevelopmentType.BILL_INTRODUCED,
        date=dt.date(recent, 5, 1),
        date_precision=DatePrecision.MONTH,
        summary_en="The synthetic bill was introduced.",
    )
    province = SubdivisionFactory(parent=country, name_en="North Province")
    provincial = InstrumentFactory(jurisdiction=province, title_en="Synthetic provincial law")
    DevelopmentFactory(
        instrument=provincial,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date(2019, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    mechanism = MechanismFactory(
        jurisdiction=country, name_en="Synthetic Protection Mechanism", acronym="SPM"
    )
    mechanism.instruments.add(law)
    assessment = AssessmentFactory(
        instrument=law, status=AssessmentStatus.PUBLISHED, as_of=dt.date(2024, 1, 31)
    )
    for value in (RatingValue.MEETS, RatingValue.MEETS, RatingValue.PARTLY):
        RatingFactory(
            assessment=assessment,
            criterion=CriterionFactory(framework=assessment.framework),
            value=value,
        )
    RecommendationFactory(jurisdiction=country, session=30, response=Response.ACCEPTED)
    RecommendationFactory(jurisdiction=country, session=31, response=Response.NOTED)
    return country
