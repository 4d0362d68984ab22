import uuid

import pytest


@pytest.fixture(autouse=True)
def briefs_cache(settings):
    """Each test its own empty cache of briefs, in memory: nothing written to var/, and
    nothing one test renders is found by another."""
    settings.CACHES = {
        **settings.CACHES,
        "briefs": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"briefs-{uuid.uuid4()}",
        },
    }
    from django.core.cache import caches

    yield caches["briefs"]
