"""Factories for the standards app's tests.

Everything they make is synthetic test data: the standards, frameworks, criteria,
assessments, ratings and recommendations are invented for the tests, not taken from
the research or from UPR Info. Give real values in a test where they matter.

An assessment is of a new instrument unless the test gives a mechanism (then pass
`instrument=None`); it is a draft unless the test says `status="published"`. A rating's
criterion belongs to its assessment's framework, and its evidence is a new source.
"""

import datetime as dt

import factory

from focus.geo.tests.factories import CountryFactory
from focus.policies.tests.factories import InstrumentFactory, SourceFactory
from focus.standards.models import (
    Assessment,
    Criterion,
    Framework,
    GoodPractice,
    Provision,
    Rating,
    Recommendation,
    RecommendationTheme,
    Standard,
)
from focus.standards.vocabulary import (
    AssessmentStatus,
    Body,
    RatingValue,
    Response,
    StandardKind,
    StandardScope,
)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    code = factory.Sequence(lambda n: f"TEST-STD-{n}")
    slug = factory.Sequence(lambda n: f"test-standard-{n}")
    title_en = factory.Sequence(lambda n: f"Test declaration number {n}")
    kind = StandardKind.DECLARATION
    scope = StandardScope.UNITED_NATIONS


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    standard = factory.SubFactory(StandardFactory)
    reference = factory.Sequence(lambda n: f"Article {n + 1}")
    title_en = factory.Sequence(lambda n: f"Test provision {n}")
    position = factory.Sequence(lambda n: n)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    slug = factory.Sequence(lambda n: f"test-framework-{n}")
    name_en = factory.Sequence(lambda n: f"Test framework {n}")
    authority = "Synthetic test authority"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"TC-{n + 1:02d}")
    title_en = factory.Sequence(lambda n: f"Test criterion {n + 1}")
    position = factory.Sequence(lambda n: n)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    framework = factory.SubFactory(FrameworkFactory)
    instrument = factory.SubFactory(InstrumentFactory)
    mechanism = None
    as_of = dt.date(2024, 1, 31)
    status = AssessmentStatus.DRAFT
    summary_en = "Synthetic assessment for a test."


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    assessment = factory.SubFactory(AssessmentFactory)
    criterion = factory.SubFactory(
        CriterionFactory, framework=factory.SelfAttribute("..assessment.framework")
    )
    value = RatingValue.MEETS
    justification_en = "Synthetic justification for a test."
    source = factory.SubFactory(SourceFactory)
    passage = "Article 1"


class RecommendationThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecommendationTheme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test theme {n}")
    name_en = factory.LazyAttribute(lambda o: o.name)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    jurisdiction = factory.SubFactory(CountryFactory)
    body = Body.UPR
    session = 30
    cycle = factory.LazyAttribute(
        lambda o: Recommendation.upr_cycle(o.session) if o.session else None
    )
    recommended_by = "Synthetic recommending state"
    text = factory.Sequence(lambda n: f"Synthetic recommendation {n} to protect defenders.")
    response = Response.ACCEPTED

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.add(*extracted)


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    title_en = factory.Sequence(lambda n: f"Synthetic good practice {n}")
    explanation_en = "Synthetic explanation for a test."
    rating = factory.SubFactory(RatingFactory)
