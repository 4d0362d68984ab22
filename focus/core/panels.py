"""Sections other apps add to a country page, so that the country page (geo) need not
import them: the restricted incidents app adds its public trends this way."""

from collections.abc import Callable

# Each takes a country and gives the context of its section (with its "template"), or
# None when it has nothing to show there.
COUNTRY_PANELS: list[Callable] = []


def country_panels(country) -> list[dict]:
    return [panel for make in COUNTRY_PANELS if (panel := make(country))]
