"""The public trends: counts of acts against defenders by year, country, region, kind of
act, defender profile, gender and kind of perpetrator, read from TrendCell (never from
the cases) and held back by suppression.py.

A view counts by one dimension under at most MAX_FILTERS filters on the others: the
suppression keeps every view safe against each view with one filter fewer, and fewer
filters leave fewer views to combine.
"""

from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import ExtractYear

from .models import Act, TrendCell
from .suppression import View, publish
from .vocabulary import Gender, PerpetratorKind, Profile

DIMENSIONS = ("year", "country", "region", "act", "profile", "gender", "perpetrator")
MAX_FILTERS = 2


def threshold() -> int:
    return getattr(settings, "TRENDS_THRESHOLD", 5)


@transaction.atomic
def rebuild() -> int:
    """Count the acts again into TrendCell, in one grouped query; returns the cells."""
    rows = Act.objects.values(
        d_year=ExtractYear("incident__date"),
        d_country=F("incident__country__code"),
        d_region=F("incident__country__region__code"),
        d_act=F("kind"),
        d_profile=F("victim__profile"),
        d_gender=F("victim__gender"),
        d_perpetrator=F("perpetrator__kind"),
    ).annotate(acts=Count("pk"))
    TrendCell.objects.all().delete()
    cells = TrendCell.objects.bulk_create(
        (
            TrendCell(
                year=row["d_year"],
                country=row["d_country"],
                region=row["d_region"] or "",
                act=row["d_act"],
                profile=row["d_profile"] or Profile.UNKNOWN,
                gender=row["d_gender"] or Gender.UNKNOWN,
                perpetrator=row["d_perpetrator"] or PerpetratorKind.UNKNOWN,
                acts=row["acts"],
            )
            for row in rows
        ),
        batch_size=5000,
    )
    return len(cells)


def cube() -> list[dict]:
    """Every trend cell, read once for a page (thousands of rows, not millions)."""
    return list(TrendCell.objects.values(*DIMENSIONS, "acts"))


def counts(cells: list[dict], filters: dict, by: str) -> dict[str, int]:
    total: Counter = Counter()
    for cell in cells:
        if all(str(cell[name]) == str(value) for name, value in filters.items()):
            total[str(cell[by]) if cell[by] is not None else "unknown"] += cell["acts"]
    return dict(total)


def view(cells: list[dict], filters: dict, by: str) -> View:
    """The counts by one dimension under the filters, as the public may see them."""
    if len(filters) > MAX_FILTERS:
        raise ValueError(f"at most {MAX_FILTERS} filters at once")
    if by in filters:
        raise ValueError(f"{by} is both counted by and filtered on")
    wider = [
        counts(cells, {name: value for name, value in filters.items() if name != left_out}, by)
        for left_out in filters
    ]
    return publish(counts(cells, filters, by), wider, threshold())
