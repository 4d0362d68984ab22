import pytest
from django.core.cache import cache

from focus.geo.tests.factories import CountryFactory, RegionFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no contribution counted against its client."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mexico():
    return CountryFactory(
        code="MEX", iso_alpha2="MX", name_en="Mexico", name_es="México", region=RegionFactory()
    )
