"""The incidents' section of a country page: its acts by year, counts only."""

from . import trends


def country_trends(country) -> dict | None:
    breakdown = trends.country_years(country)
    if breakdown is None:
        return None
    return {
        "template": "incidents/_country_trends.html",
        "breakdown": breakdown,
        "country": country,
        "threshold": trends.threshold(),
    }
