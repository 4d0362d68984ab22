"""The comparison matrix: criteria as rows, assessed records or countries as columns.

A fixed number of queries whatever the number of columns: the current assessments with
their records, then all their ratings at once.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from focus.core.text import sort_key
from focus.policies.models import Instrument

from .models import Assessment, Criterion, Framework, Rating

MAX_COLUMNS = 40


@dataclass
class Column:
    assessment: Assessment
    ratings: dict[str, Rating]

    @property
    def country(self):
        return self.assessment.country

    @property
    def subject(self):
        return self.assessment.subject


@dataclass
class Row:
    code: str
    title: str
    criterion: Criterion | None
    cells: list[Rating | None] = field(default_factory=list)


@dataclass
class Matrix:
    framework: Framework
    columns: list[Column]
    rows: list[Row]
    truncated: int = 0


def current_assessments(framework: Framework, *, region=None, country=None, countries=()):
    """The latest published assessment of each record against the framework, in place:
    of a region, a country or any of several countries."""
    if country is not None:
        countries = [country]
    assessments = (
        Assessment.objects.current()
        .filter(framework=framework)
        .in_place(region=region, countries=countries)
    )
    return assessments.with_subject()


def build(framework: Framework, *, region=None, countries=(), by_country=False) -> Matrix:
    assessments = sorted(
        current_assessments(framework, region=region, countries=countries),
        key=lambda a: (sort_key(a.country.name), -a.as_of.toordinal(), a.pk),
    )
    if by_country:
        # One column per country: its most recently assessed record.
        seen, chosen = set(), []
        for assessment in assessments:
            if assessment.country.pk not in seen:
                seen.add(assessment.country.pk)
                chosen.append(assessment)
        assessments = chosen
    truncated = max(0, len(assessments) - MAX_COLUMNS)
    shown = assessments[:MAX_COLUMNS]
    # The ratings of the columns shown only, with what a cell shows.
    ratings: dict[int, dict[str, Rating]] = {a.pk: {} for a in shown}
    for rating in Rating.objects.filter(assessment__in=[a.pk for a in shown]).only(
        "pk", "assessment_id", "criterion_code", "criterion_title", "value", "passage"
    ):
        ratings[rating.assessment_id][rating.criterion_code] = rating
    columns = [Column(a, ratings[a.pk]) for a in shown]
    criteria = list(framework.criteria.all())
    rows = [Row(c.code, c.display_title, c) for c in criteria]
    known = {c.code for c in criteria}
    # Criteria taken out of the framework still show their past answers, last.
    retired: dict[str, str] = {}
    for column in columns:
        for code, rating in column.ratings.items():
            if code not in known:
                retired.setdefault(code, rating.criterion_title)
    rows += [Row(code, title, None) for code, title in sorted(retired.items())]
    for row in rows:
        row.cells = [column.ratings.get(row.code) for column in columns]
    return Matrix(framework, columns, rows, truncated)


def assessed_countries(framework: Framework, *, exclude=None) -> list:
    """The countries with a current assessment against the framework, by name (one
    query): what an assessment's page offers to compare with."""
    seen = {}
    for assessment in current_assessments(framework):
        country = assessment.country
        if exclude is None or country.pk != exclude.pk:
            seen[country.pk] = country
    return sorted(seen.values(), key=lambda c: sort_key(c.name))


def latest_with_tally(assessments) -> list[Assessment]:
    """The latest published of the assessments of each record against each framework,
    framework by framework, each with its answers counted by the database (one query;
    `Assessment.tally` reads the counts)."""
    from django.db.models import Count

    from .vocabulary import RatingValue

    counts = {
        f"count_{value}": Count("ratings", filter=Q(ratings__value=value))
        for value in RatingValue.values
    }
    latest: dict[tuple, Assessment] = {}
    for assessment in (
        assessments.published()
        .annotate(**counts)
        .order_by("framework__position", "framework", "-as_of", "-pk")
    ):
        key = (assessment.framework_id, assessment.instrument_id, assessment.mechanism_id)
        latest.setdefault(key, assessment)
    return list(latest.values())


def country_profile(country) -> list[Assessment]:
    """A country page's profile against each framework: the current assessment of each
    of its records."""
    return latest_with_tally(Assessment.objects.in_place(countries=[country]).with_subject())


def country_recommendations(country, shown: int = 10):
    """The recommendations a country received: how many, its responses, the latest few."""
    from django.db.models import Count

    from .models import Recommendation

    received = Recommendation.objects.filter(jurisdiction=country)
    responses = dict(received.values_list("response").annotate(n=Count("pk")).order_by())
    count = sum(responses.values())
    return {
        "count": count,
        "responses": responses,
        # Not asked for when there is none.
        "latest": received.for_listing().order_by("-session", "-pk")[:shown] if count else [],
    }


def record_analysis(record) -> dict:
    """What an instrument's or a mechanism's page shows of the analysis: its latest
    published assessment against each framework, and the recommendations it answers.
    Two queries."""
    from .models import Recommendation

    link = "answered_by_instruments" if isinstance(record, Instrument) else "answered_by_mechanisms"
    answered = (
        Recommendation.objects.filter(**{link: record})
        .select_related("recommending_state")
        .order_by("-session", "-pk")
    )
    return {
        "assessments": latest_with_tally(Assessment.objects.of(record).select_related("framework")),
        "answered": list(answered),
    }
