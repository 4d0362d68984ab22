"""Sections other apps add to a country page, so that the country page (geo) need not
import them: the restricted incidents app adds its public trends this way."""

from collections.abc import Callable

# Each takes a country and the records the page has read (its instruments, with their
# developments: policies.summary.load_records) and gives the context of its section
# (with its "template"), or None when it has nothing to show there.
COUNTRY_PANELS: list[Callable] = []


def country_panels(country, records) -> list[dict]:
    return [panel for make in COUNTRY_PANELS if (panel := make(country, records))]
