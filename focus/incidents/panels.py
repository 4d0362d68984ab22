"""The incidents' section of a country page: its acts by year, counts only, with the
years its protection laws and mechanisms took effect marked, to read before and after."""

from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development

from . import trends

# What marks a year on the chart: a law or policy adopted or in force, a mechanism made.
MILESTONES = (
    DevelopmentType.ADOPTED,
    DevelopmentType.ENTERED_INTO_FORCE,
    DevelopmentType.MECHANISM_CREATED,
)


def milestones(country, records) -> dict[str, list[Development]]:
    """The milestones of the country's national instruments by year, from the records the
    country page has already read (no query)."""
    years: dict[str, list[Development]] = {}
    for instrument in records.instruments.get(country.pk, ()):
        if instrument.jurisdiction_id != country.pk:
            continue
        for development in instrument.developments.all():
            if development.development_type in MILESTONES and development.date:
                development.instrument = instrument
                years.setdefault(str(development.date.year), []).append(development)
    for marks in years.values():
        marks.sort(key=lambda d: (d.date, d.pk))
    return years


def country_trends(country, records) -> dict | None:
    marks = milestones(country, records)
    breakdown = trends.country_years(country, also_years=marks)
    if breakdown is None:
        return None
    return {
        "template": "incidents/_country_trends.html",
        "breakdown": breakdown,
        "rows": [(row, marks.get(row.value, [])) for row in breakdown.rows],
        "marked": set(marks),
        "country": country,
        "threshold": trends.threshold(),
    }
