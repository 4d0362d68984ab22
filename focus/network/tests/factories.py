"""Factories for the network app's tests.

Everything they make is SYNTHETIC test data: the convenings, topics and registrations
(names, addresses) are invented for the tests, not taken from the research. The real
convenings are in the seed files and are loaded by the seed tests.

A convening is a day-precise, in-person one in a synthetic country, a year from today
(so upcoming), closed to registration unless the test opens it.
"""

import datetime as dt

import factory
from django.test import Client

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory
from focus.library.models import Topic
from focus.network.models import Convening, Member, Network, Registration
from focus.network.vocabulary import Attendance, ConveningKind, MembershipStatus, NetworkKind, Role


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"synthetic_topic_{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("_", " "))


class ConveningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convening

    slug = factory.Sequence(lambda n: f"synthetic-convening-{n}")
    title_en = factory.Sequence(lambda n: f"Synthetic convening {n}")
    kind = ConveningKind.CONFERENCE
    organisers = "Synthetic Organisation"
    start_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=365))
    start_date_precision = DatePrecision.DAY
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=2))
    end_date_precision = DatePrecision.DAY
    city = "Synthetic City"
    country = factory.SubFactory(CountryFactory)
    attendance = Attendance.IN_PERSON
    summary_en = "A synthetic convening for a test."
    confidence = "high"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    convening = factory.SubFactory(ConveningFactory, registration_open=True)
    name = factory.Sequence(lambda n: f"Synthetic Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    language = "en"
    status = Registration.Status.CONFIRMED


def make_network(slug: str, kind: str = NetworkKind.PARLIAMENTARY) -> Network:
    return Network.objects.create(slug=slug, name_en=slug.upper(), kind=kind)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def join(network, user, country, role=Role.MEMBER, status=MembershipStatus.ACTIVE) -> Member:
    """A SYNTHETIC membership, active unless told otherwise."""
    return Member.objects.create(
        network=network,
        user=user,
        display_name=f"Synthetic {user.username}",
        country=country,
        role=role,
        status=status,
        motivation="Synthetic motivation",
    )
