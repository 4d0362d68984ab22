"""A synthetic world for tests of cost and weight: every page must cost the same number
of queries, and stay under its weight budget, when the data grows tenfold.

Synthetic data only (codes QMA-QZZ, "Testland" names): never shown as real.
"""

import datetime as dt
from dataclasses import dataclass

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.incidents import trends
from focus.incidents.models import Act, Incident
from focus.library.models import Document
from focus.library.vocabulary import DocumentKind
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import InstrumentRelation, ProtectionMeasure
from focus.policies.vocabulary import InstrumentType
from focus.standards.tests.factories import (
    AssessmentFactory,
    CriterionFactory,
    FrameworkFactory,
    GoodPracticeFactory,
    RatingFactory,
    RecommendationFactory,
    RecommendationThemeFactory,
)
from focus.standards.vocabulary import AssessmentStatus, RatingValue

from .factories import (
    DevelopmentFactory,
    InstrumentFactory,
    MechanismFactory,
    MechanismFigureFactory,
    SourceFactory,
)


@dataclass
class World:
    country: object
    region: object
    instrument: object
    mechanism: object
    assessment: object
    recommendation: object
    units: int = 0

    @property
    def framework(self):
        return self.assessment.framework


CRITERIA = 20


def _assess(instrument, framework, year: int):
    """A published assessment answering every criterion, with evidence."""
    assessment = AssessmentFactory(
        instrument=instrument, framework=framework, status=AssessmentStatus.PUBLISHED,
        as_of=dt.date(year, 1, 1), summary_en="A synthetic finding. " * 6,
    )  # fmt: skip
    values = RatingValue.values
    for i, criterion in enumerate(framework.criteria.all()):
        RatingFactory(
            assessment=assessment, criterion=criterion, value=values[(i + year) % 4],
            passage=f"Article {i + 1}", quote="Synthetic words of the law. " * 4,
            justification_en="A synthetic justification of a sentence or two. " * 2,
        )  # fmt: skip
    return assessment


def _recommendation(country, n: int, theme, instrument):
    item = RecommendationFactory(
        jurisdiction=country, session=n % 40 + 1,
        text="Synthetic recommendation to protect human rights defenders. " * 3,
    )  # fmt: skip
    item.themes.add(theme)
    item.answered_by_instruments.add(instrument)
    return item


def _law(jurisdiction, year: int, sources: int = 2):
    law = InstrumentFactory(
        jurisdiction=jurisdiction,
        summary_en="A synthetic law. " * 8,
        reference=f"Synthetic law {year}",
    )
    law.sources.add(*[SourceFactory() for _ in range(sources)])
    for development_type, month in (
        (DevelopmentType.BILL_INTRODUCED, 2),
        (DevelopmentType.ADOPTED, 6),
        (DevelopmentType.ENTERED_INTO_FORCE, 9),
    ):
        development = DevelopmentFactory(
            instrument=law,
            development_type=development_type,
            date=dt.date(year, month, 1),
            date_precision=DatePrecision.MONTH,
            summary_en="A synthetic development with a summary of a few words. " * 3,
        )
        development.sources.add(SourceFactory())
    return law


def grow(world: World | None, units: int) -> World:
    """Add `units` of data everywhere a page lists records; a new world if None."""
    if world is None:
        region = RegionFactory()
        country = CountryFactory(region=region)
        instrument = _law(country, 2012)
        mechanism = MechanismFactory(jurisdiction=country)
        mechanism.instruments.add(instrument)
        mechanism.measures.add(*ProtectionMeasure.objects.all()[:3])
        framework = FrameworkFactory()
        CriterionFactory.create_batch(CRITERIA, framework=framework)
        assessment = _assess(instrument, framework, 2015)
        theme = RecommendationThemeFactory(name="Human rights defenders")
        recommendation = _recommendation(country, 0, theme, instrument)
        world = World(country, region, instrument, mechanism, assessment, recommendation)
    for _ in range(units):
        n = world.units = world.units + 1
        year = 1990 + n % 30
        # The country's own records grow…
        decree = _law(world.country, year)
        decree.instrument_type = InstrumentType.DECREE
        decree.save()
        InstrumentRelation.objects.create(
            from_instrument=decree, kind="regulates", to_instrument=world.instrument
        )
        _law(SubdivisionFactory(parent=world.country), year)
        other = MechanismFactory(jurisdiction=world.country)
        other.instruments.add(decree)
        # …the instrument's and the mechanism's own…
        DevelopmentFactory(
            instrument=world.instrument,
            development_type=DevelopmentType.AMENDED,
            date=dt.date(2013 + n % 12, 1, 1 + n % 27),
        ).sources.add(SourceFactory())
        world.instrument.sources.add(SourceFactory())
        world.mechanism.instruments.add(decree)
        world.mechanism.sources.add(SourceFactory())
        for metric in ("beneficiaries_active", "requests_received"):
            MechanismFigureFactory(mechanism=world.mechanism, metric=metric, period=str(year))
        # …with their documents…
        document = Document.objects.create(
            slug=f"synthetic-document-{n}",
            title_en=f"Synthetic report {n}",
            kind=DocumentKind.CIVIL_SOCIETY_REPORT,
            date=dt.date(year, 1, 1),
        )
        document.jurisdictions.add(world.country)
        document.instruments.add(world.instrument)
        document.mechanisms.add(world.mechanism)
        # …and so do the region's other countries.
        neighbour = CountryFactory(region=world.region)
        neighbours_law = _law(neighbour, year, sources=1)
        MechanismFactory(jurisdiction=neighbour)
        # …with the analysis: assessments, re-assessments, recommendations, good practices.
        assessed = _assess(neighbours_law, world.framework, 2016 + n % 8)
        _assess(world.instrument, world.framework, 2016 + n)
        theme = world.recommendation.themes.first()
        _recommendation(world.country, n, theme, decree)
        _recommendation(neighbour, n, theme, neighbours_law)
        GoodPracticeFactory(
            rating=assessed.ratings.first(), published=True,
            explanation_en="A synthetic explanation of a good practice. " * 4,
        )  # fmt: skip
        # …and the attacks the trends count.
        for _ in range(3):
            incident = Incident.objects.create(
                country=world.country, date=dt.date(2015 + n % 8, 5, 1), narrative="Synthetic"
            )
            Act.objects.create(incident=incident, kind="threat")
    trends.rebuild()
    return world
