from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import NotFound, page_of
from focus.geo.models import Jurisdiction
from focus.standards.comparison import record_analysis

from .charts import figure_charts
from .forms import TimelineFilterForm
from .models import Development, Instrument, InstrumentRelation, Mechanism
from .structured import instrument_json_ld, mechanism_json_ld

TIMELINE_PAGE_SIZE = 25


def _record_or_404(queryset, slug: str, what: str):
    record = queryset.filter(slug=slug).first()
    if record is None:
        raise NotFound(
            _("There is no %(record)s at this address. It may have been renamed.")
            % {"record": what}
        )
    return record


@require_safe
def instrument(request, slug: str):
    """An instrument: what it is, its status over time, its relations, mechanisms, sources."""
    developments = Development.objects.order_by("date", "pk").prefetch_related("sources")
    item = _record_or_404(
        Instrument.objects.select_related(
            "jurisdiction", "jurisdiction__parent", "jurisdiction__region"
        ).prefetch_related(
            Prefetch("developments", queryset=developments),
            "beneficiaries",
            "sources",
            "mechanisms",
            "documents",
        ),
        slug,
        _("instrument"),
    )
    relations = InstrumentRelation.objects.filter(
        Q(from_instrument=item) | Q(to_instrument=item)
    ).select_related("from_instrument", "to_instrument")
    history = item.status_history()
    return render(
        request,
        "policies/instrument.html",
        {
            **record_analysis(item),
            "instrument": item,
            "country": item.jurisdiction.country,
            "history": history,
            "developments": list(item.developments.all())[::-1],
            "relations_from": [r for r in relations if r.from_instrument_id == item.pk],
            "relations_to": [r for r in relations if r.to_instrument_id == item.pk],
            "json_ld": instrument_json_ld(
                item, request.build_absolute_uri(item.get_absolute_url()), history
            ),
        },
    )


@require_safe
def mechanism(request, slug: str):
    """A mechanism: governance, measures, how to reach it, figures, the texts behind it."""
    item = _record_or_404(
        Mechanism.objects.select_related(
            "jurisdiction", "jurisdiction__parent", "jurisdiction__region"
        ).prefetch_related(
            "measures",
            "beneficiaries",
            "figures__sources",
            "sources",
            Prefetch("instruments", queryset=Instrument.objects.with_developments()),
            Prefetch("developments", queryset=Development.objects.for_listing().latest_first()),
            "documents",
        ),
        slug,
        _("mechanism"),
    )
    return render(
        request,
        "policies/mechanism.html",
        {
            **record_analysis(item),
            "mechanism": item,
            "country": item.jurisdiction.country,
            "charts": figure_charts(item.figures.all()),
            "json_ld": mechanism_json_ld(item, request.build_absolute_uri(item.get_absolute_url())),
        },
    )


@require_safe
def timeline(request):
    """Every development, filtered by region, country, type and dates, a page at a time."""
    countries = (
        Jurisdiction.objects.countries()
        .filter(Q(developments__isnull=False) | Q(subdivisions__developments__isnull=False))
        .distinct()
    )
    form = TimelineFilterForm(request.GET, countries=countries)
    if not form.is_valid():
        return render(request, "policies/timeline.html", {"form": form}, status=400)
    data = form.cleaned_data
    developments = Development.objects.for_listing().filtered(
        region=data["region"],
        country=data["country"],
        development_type=data["type"],
        start=data["start"],
        end=data["end"],
    )
    developments = (
        developments.latest_added() if data["sort"] == "added" else developments.latest_first()
    )
    page = page_of(request, developments, TIMELINE_PAGE_SIZE)
    return render(
        request,
        "policies/timeline.html",
        {"form": form, "page": page, "filtered": any(data.values())},
    )
