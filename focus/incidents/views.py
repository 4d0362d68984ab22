"""The one public window of the incidents: aggregate trends, held back by suppression.py.
It reads TrendCell only, never a case."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import trends
from .forms import TrendsFilterForm


@require_safe
def trends_page(request):
    form = TrendsFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "incidents/trends.html", {"form": form}, status=400)
    filters = form.filters()
    return render(
        request,
        "incidents/trends.html",
        {
            "form": form,
            "breakdowns": trends.breakdowns(filters),
            "threshold": trends.threshold(),
            "filtered": bool(filters),
        },
    )
