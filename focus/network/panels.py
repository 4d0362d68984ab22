"""The networks' section of a country page: who acts there, as counts only."""

from . import directory


def country_networks(country, records) -> dict | None:
    found = directory.in_country(country)
    if not found:
        return None
    return {"template": "network/_country_networks.html", "networks": found}
