"""A SYNTHETIC world for the alerts' tests: Testland countries (ISO's private-use codes
QMA-QZZ), their laws and mechanisms, and visitors at example.org addresses."""

import re
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.cache import cache

from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.policies.models import BeneficiaryGroup
from focus.policies.tests.factories import InstrumentFactory, MechanismFactory
from focus.policies.vocabulary import Beneficiary, InstrumentType


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    americas: object
    europe: object
    testland: object  # the Mexico-like country the Spanish subscriber follows
    otherland: object
    province: object
    law: object
    decree: object
    mechanism: object


@pytest.fixture
def world(db):
    americas = RegionFactory(code="americas")
    europe = RegionFactory(code="europe", name_en="Europe", name_es="Europa", name_fr="Europe")
    testland = CountryFactory(
        code="QMA", name_en="Testland", name_es="Tierra de Prueba", name_fr="Terre d’essai",
        region=americas,
    )  # fmt: skip
    otherland = CountryFactory(
        code="QMB", name_en="Otherland", name_es="Otra Tierra", name_fr="Autre Terre",
        region=europe,
    )  # fmt: skip
    province = SubdivisionFactory(parent=testland, name_en="Province of Testland")
    law = InstrumentFactory(
        slug="testland-protection-law", jurisdiction=testland,
        title_en="Synthetic law on the protection of defenders",
        title_es="Ley sintética de protección de personas defensoras",
    )  # fmt: skip
    journalists, _ = BeneficiaryGroup.objects.get_or_create(code=Beneficiary.JOURNALISTS)
    law.beneficiaries.add(journalists)
    decree = InstrumentFactory(
        slug="otherland-decree", jurisdiction=otherland, instrument_type=InstrumentType.DECREE,
        title_en="Synthetic decree of Otherland",
    )  # fmt: skip
    mechanism = MechanismFactory(slug="testland-mechanism", jurisdiction=testland)
    return World(americas, europe, testland, otherland, province, law, decree, mechanism)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (the e-mails) as it would in a request."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


@pytest.fixture
def subscribe(client, on_commit):
    """Post the alerts' form as a visitor would (e-mails sent)."""

    def post(email: str, language: str = "en", client=client, **choices):
        data = {"email": email, "frequency": "immediate", "language": language, **choices}
        page = language if language in ("en", "es", "fr") else "en"
        return on_commit(client.post, f"/{page}/alerts/", data)

    return post


LINK = re.compile(r"https?://[^/\s]+(/(?:en|es|fr)/alerts/(confirm|manage|unsubscribe)/[^\s]+/)")


def link(message, kind: str = "confirm") -> str:
    """The path of the first link of that kind in an e-mail."""
    for path, found in LINK.findall(message.body):
        if found == kind:
            return path
    raise AssertionError(f"no {kind} link in {message.body!r}")


@pytest.fixture
def confirmed(client, subscribe):
    """Subscribe and confirm by the e-mailed link; returns the subscription."""
    from focus.alerts.models import Subscription

    def run(email: str, language: str = "en", **choices):
        before = len(mail.outbox)
        response = subscribe(email, language, **choices)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert len(mail.outbox) == before + 1, "one confirmation e-mail"
        response = client.post(link(mail.outbox[-1]))
        assert response.status_code == 302
        return Subscription.objects.get(email=email)

    return run
