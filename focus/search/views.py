from collections.abc import Callable
from typing import Any

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import page_of
from focus.geo.models import Jurisdiction, Region
from focus.library.vocabulary import LANGUAGE_CHOICES, DocumentKind
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Organisation
from focus.policies.vocabulary import InstrumentType, MechanismKind
from focus.standards.vocabulary import Response

from .forms import SearchForm
from .models import RecordType
from .query import best_snippet, search, with_texts

RESULTS_PAGE_SIZE = 20
_KIND_LABELS = {
    **dict(InstrumentType.choices),
    **dict(MechanismKind.choices),
    **dict(DevelopmentType.choices),
    **dict(DocumentKind.choices),
    **dict(Response.choices),
}


def _facets(counts: dict) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    """(parameter, heading, [(value, label, count)]) for each facet with values."""
    countries = {
        c.pk: c
        for c in Jurisdiction.objects.filter(pk__in=[v for v, _ in counts.get("country", [])])
    }
    regions = {r.pk: r for r in Region.objects.all()} if counts.get("region") else {}
    authors = Organisation.objects.in_bulk([v for v, _ in counts.get("authors", [])])
    labels: dict[str, tuple[str, Callable[[Any], Any]]] = {
        "record_type": (_("Record"), lambda v: RecordType(v).label),
        "country": (_("Country"), lambda v: countries[v].name),
        "region": (_("Region"), lambda v: regions[v].name),
        "language": (_("Language"), lambda v: dict(LANGUAGE_CHOICES).get(v, v)),
        "year": (_("Year"), str),
        "kind": (_("Kind"), lambda v: _KIND_LABELS.get(v, v)),
        "authors": (_("Author"), lambda v: authors[v].name),
    }
    values: dict[str, Callable[[Any], str]] = {
        "country": lambda v: countries[v].code.lower(),
        "region": lambda v: regions[v].code,
        "authors": lambda v: authors[v].slug,
    }
    facets = []
    for name, rows in counts.items():
        heading, label = labels[name]
        parameter = {"record_type": "type", "authors": "author"}.get(name, name)
        as_value = values.get(name, str)
        facets.append((parameter, heading, [(as_value(v), label(v), n) for v, n in rows]))
    return [f for f in facets if f[2]]


@require_safe
def search_page(request):
    """One search over instruments, mechanisms, developments and documents."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "search/search.html", {"form": form}, status=400)
    query, entries, counts = search(
        form.cleaned_data["q"], filters=form.filters(), order=form.cleaned_data["sort"]
    )
    page = results = None
    if not query.empty:
        page = page_of(request, entries, RESULTS_PAGE_SIZE)
        results = [(entry, best_snippet(entry, query)) for entry in with_texts(list(page))]
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "page": page,
            "results": results,
            "facets": _facets(counts),
        },
    )
