import datetime as dt

import factory

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development, Instrument, Mechanism, MechanismFigure, Source
from focus.policies.vocabulary import FigureMetric, InstrumentType, MechanismKind, MechanismStatus


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")


class InstrumentFactory(factory.django.DjangoModelFactory):
    """A synthetic instrument for tests."""

    class Meta:
        model = Instrument

    slug = factory.Sequence(lambda n: f"test-instrument-{n}")
    instrument_type = InstrumentType.LAW
    title_en = factory.Sequence(lambda n: f"Test law number {n}")
    jurisdiction = factory.SubFactory(CountryFactory)


class DevelopmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Development

    date = dt.date(2018, 1, 1)
    date_precision = DatePrecision.DAY
    development_type = DevelopmentType.STATEMENT
    instrument = factory.SubFactory(InstrumentFactory)
    jurisdiction = factory.LazyAttribute(
        lambda o: o.instrument.jurisdiction if o.instrument else CountryFactory()
    )
    summary_en = "Synthetic development for a test."


class MechanismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mechanism

    slug = factory.Sequence(lambda n: f"test-mechanism-{n}")
    name_en = factory.Sequence(lambda n: f"Test protection mechanism {n}")
    jurisdiction = factory.SubFactory(CountryFactory)
    kind = MechanismKind.PROTECTION_MECHANISM
    status = MechanismStatus.OPERATING
    start_date = dt.date(2012, 10, 1)
    start_date_precision = DatePrecision.MONTH


class MechanismFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MechanismFigure

    mechanism = factory.SubFactory(MechanismFactory)
    period = factory.Sequence(lambda n: str(1990 + n % 36))
    metric = FigureMetric.BENEFICIARIES_ACTIVE
    value = factory.Sequence(lambda n: 100 + n)
    unit = "persons"
