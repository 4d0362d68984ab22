import datetime as dt

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import EARLIEST, NotFound, date_param
from focus.core.text import sort_key
from focus.geo.maps import world_map
from focus.policies.models import Development
from focus.policies.summary import category_changes, load_records, summarise
from focus.policies.vocabulary import SummaryCategory

from .models import Page

LATEST_DEVELOPMENTS = 8


def _year_choices(on: dt.date | None) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the year selector: the end of each year, newest first."""
    today = dt.date.today()
    years = []
    for year in range(today.year - 1, 1989, -1):
        value = dt.date(year, 12, 31).isoformat()
        years.append((value, str(year), on is not None and on.isoformat() == value))
    return years


@require_safe
def home(request):
    """The world map of public policies, now or on a past date (`?on=YYYY-MM-DD`)."""
    on = date_param(request)
    records = load_records()
    summaries = summarise(records, on)
    end = on or dt.date.today()
    start = end - dt.timedelta(days=365)
    changes = sorted(
        category_changes(records, max(start, EARLIEST), end), key=lambda c: sort_key(c.country.name)
    )

    by_category: dict[str, list] = {c: [] for c in SummaryCategory}
    for summary in sorted(summaries.values(), key=lambda s: sort_key(s.country.name)):
        if summary.category != SummaryCategory.NONE_KNOWN or summary.instrument_count:
            by_category[summary.category].append(summary)
    regions = sorted(
        {c.region for c in records.countries.values() if c.region_id}, key=lambda r: r.order
    )
    latest = Development.objects.filter(date__isnull=False).for_listing()
    if on:
        latest = latest.filter(date__lte=on)
    return render(
        request,
        "core/home.html",
        {
            "on": on,
            "map": world_map(summaries),
            "categories": [(SummaryCategory(code), rows) for code, rows in by_category.items()],
            "years": _year_choices(on),
            "regions": regions,
            "changes": changes,
            "change_start": start,
            "change_end": end,
            "latest": latest.latest_first()[:LATEST_DEVELOPMENTS],
        },
    )


@require_safe
def page(request, slug: str):
    """A page editors write in the admin (About, Key elements)."""
    item = Page.objects.filter(slug=slug, published=True).first()
    if item is None:
        raise NotFound(_("This page has not been written yet."))
    return render(request, "core/page.html", {"page": item})


def bad_request(request, exception=None):
    """400 with the reason in the visitor's language (our messages are translated)."""
    message = str(exception) if exception and str(exception) else _("The request was not valid.")
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request, exception=None):
    # Only our own messages, written for visitors and translated, are shown.
    message = str(exception) if isinstance(exception, NotFound) else ""
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)
