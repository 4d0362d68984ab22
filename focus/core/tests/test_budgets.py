"""The bars every public page keeps, on synthetic data (see policies/tests/synthetic.py):
a fixed number of SQL queries, the same at 1x and 10x data, and a small weight."""

import gzip
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from focus.policies.tests.synthetic import grow

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
CSS = Path(__file__).resolve().parents[1] / "static" / "core" / "focus.css"


def _pages(world):
    return {
        "home": "/en/",
        "home on a date": "/en/?on=2015-12-31",
        "country": world.country.get_absolute_url(),
        "region": world.region.get_absolute_url(),
        "instrument": world.instrument.get_absolute_url(),
        "mechanism": world.mechanism.get_absolute_url(),
        "timeline": "/en/developments/",
        "timeline filtered": f"/en/developments/?country={world.country.code.lower()}&type=adopted&start=1990-01-01",
        "library": "/en/library/",
        "library filtered": f"/en/library/?country={world.country.code.lower()}&kind=civil_society_report",
        "document": "/en/library/synthetic-document-1/",
        "search": "/en/search/?q=synthetic+law",
        "search refined": f"/en/search/?q=synthetic&type=instrument&country={world.country.code.lower()}",
        "contribute": "/en/contribute/development/",
        "correction": f"/en/contribute/correction/?correct=instrument:{world.instrument.slug}",
        "change log": f"/en/changes/instrument/{world.instrument.slug}/",
        "open data": "/en/data/",
        "data dictionary": "/en/data/dictionary/",
        "standards": "/en/standards/",
        "framework": world.framework.get_absolute_url(),
        "criterion": world.framework.criteria.first().get_absolute_url(),
        "assessment": world.assessment.get_absolute_url(),
        "compare": f"/en/compare/?framework={world.framework.slug}",
        "compare by country": f"/en/compare/?framework={world.framework.slug}&columns=countries",
        "compare a region": f"/en/compare/?framework={world.framework.slug}&region={world.region.code}",
        "recommendations": "/en/recommendations/",
        "recommendations filtered": f"/en/recommendations/?country={world.country.code.lower()}&response=accepted&q=defenders",
        "recommendation": world.recommendation.get_absolute_url(),
        "good practices": "/en/good-practices/",
        "trends": "/en/trends/",
        "trends filtered": f"/en/trends/?country={world.country.code.lower()}&act=threat",
    }


def _cost(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    if "/search/" in url:
        assert 'id="results"' in response.text and "<mark>" in response.text, url
    weight = len(gzip.compress(response.content)) + len(gzip.compress(CSS.read_bytes()))
    return len(queries), weight


def test_every_page_costs_the_same_few_queries_at_1x_and_10x_data(
    visitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows
        world = grow(None, 2)
    small = {name: _cost(visitor, url)[0] for name, url in _pages(world).items()}
    with django_capture_on_commit_callbacks(execute=True):
        grow(world, 18)
    large = {name: _cost(visitor, url)[0] for name, url in _pages(world).items()}
    assert large == small
    assert max(large.values()) <= MAX_QUERIES, large


def test_pages_stay_under_their_weight_budget_at_10x_data(
    visitor, django_capture_on_commit_callbacks
):
    """HTML and CSS, gzipped: 50 KB per page, 120 KB for the home page and its map."""
    with django_capture_on_commit_callbacks(execute=True):
        world = grow(None, 20)
    weights = {name: _cost(visitor, url)[1] for name, url in _pages(world).items()}
    for name, weight in weights.items():
        budget = 120_000 if name.startswith("home") else 50_000
        assert weight <= budget, (name, weight)
