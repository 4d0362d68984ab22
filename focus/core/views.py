from django.shortcuts import render
from django.views.decorators.http import require_safe

from focus.core.text import sort_key
from focus.geo.models import Region
from focus.policies.summary import country_summaries
from focus.policies.vocabulary import SummaryCategory


@require_safe
def home(request):
    """Countries with their summary category and number of instruments, by region."""
    summaries = sorted(
        (
            s
            for s in country_summaries().values()
            if s.instrument_count or s.category != SummaryCategory.NONE_KNOWN
        ),
        key=lambda s: sort_key(s.country.name),
    )
    regions = {r.pk: r for r in Region.objects.all()}
    by_region: dict[int | None, list] = {}
    for summary in summaries:
        by_region.setdefault(summary.country.region_id, []).append(summary)
    counts = dict.fromkeys(SummaryCategory, 0)
    for summary in summaries:
        counts[summary.category] += 1
    return render(
        request,
        "core/home.html",
        {
            "groups": [
                (regions.get(rid), rows)
                for rid, rows in sorted(
                    by_region.items(),
                    key=lambda item: regions[item[0]].order if item[0] in regions else 99,
                )
            ],
            "category_counts": [
                (SummaryCategory(c).label, n)
                for c, n in counts.items()
                if c != SummaryCategory.NONE_KNOWN
            ],
            "country_total": len(summaries),
        },
    )
