"""The bars the convenings' pages keep, as core/tests/test_budgets.py sets them for every
public page: the same few SQL queries at 1x and 10x data, and at most 50 KB of HTML and
CSS (gzipped). The convenings are SYNTHETIC."""

import datetime as dt
import gzip
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.library.models import Document
from focus.network.models import Registration
from focus.policies.tests.factories import SourceFactory

from .factories import ConveningFactory, RegistrationFactory, TopicFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
BUDGET = 50_000
CSS = Path(__file__).resolve().parents[2] / "core" / "static" / "core" / "focus.css"


@pytest.fixture
def base():
    region = RegionFactory(code="africa", name_en="Africa")
    country = CountryFactory(code="QMA", region=region)
    topic = TopicFactory(slug="women_hrds")
    full = ConveningFactory(slug="full", registration_open=True, capacity=5, country=country)
    RegistrationFactory.create_batch(5, convening=full)
    _convening(country, topic, "sample", 0)
    return country, topic, full


def _convening(country, topic, slug: str, i: int):
    convening = ConveningFactory(
        slug=slug,
        country=country,
        start_date=dt.date.today() + dt.timedelta(days=(i * 37) % 900 - 450),
        end_date=None,
        end_date_precision="unknown",
        organisers="\n".join(f"Synthetic organiser {k}" for k in range(4)),
    )
    convening.topics.add(topic, TopicFactory())
    convening.sources.add(SourceFactory(), SourceFactory())
    convening.documents.add(
        Document.objects.create(
            slug=f"synthetic-material-{slug}", title_en=f"Synthetic material {i}",
            date=dt.date(2020, 1, 1),
        )
    )  # fmt: skip


def _grow(base, n: int) -> None:
    """n more convenings, half past and half upcoming, each with topics, sources and a
    library document; n more people on the full one's waiting list."""
    country, topic, full = base
    start = Document.objects.count()
    for i in range(start, start + n):
        _convening(country, topic, f"synthetic-{i}", i)
    RegistrationFactory.create_batch(n, convening=full, status=Registration.Status.WAITING)


PAGES = {
    "list": "/en/convenings/",
    "list filtered": "/en/convenings/?region=africa&topic=women_hrds",
    "list, page 2": "/en/convenings/?page=2",
    "convening open for registration": "/en/convenings/full/",
    "convening": "/en/convenings/sample/",
}


def _cost(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    weight = len(gzip.compress(response.content)) + len(gzip.compress(CSS.read_bytes()))
    return len(queries), weight


def test_each_page_costs_the_same_few_queries_at_1x_and_10x_data(visitor, base):
    _grow(base, 30)
    small = {name: _cost(visitor, url)[0] for name, url in PAGES.items()}
    _grow(base, 270)
    large = {name: _cost(visitor, url)[0] for name, url in PAGES.items()}
    assert large == small
    assert max(large.values()) <= MAX_QUERIES, large


def test_pages_stay_under_their_weight_budget(visitor, base):
    _grow(base, 300)
    weights = {name: _cost(visitor, url)[1] for name, url in PAGES.items()}
    for name, weight in weights.items():
        assert weight <= BUDGET, (name, weight)
