from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .briefs import country_brief, country_brief_pdf, find_country


@require_safe
def country_brief_page(request, iso3: str):
    """A country's brief as a printable page: the same content as its PDF."""
    if iso3 != iso3.lower():
        return redirect("reports:country-brief", iso3=iso3.lower(), permanent=True)
    country = find_country(iso3)
    return render(request, "reports/country_brief.html", country_brief(country))


@require_safe
def country_brief_download(request, iso3: str):
    """A country's brief as a tagged PDF, made once per language for each version of the
    country's data."""
    if iso3 != iso3.lower():
        return redirect("reports:country-brief-pdf", iso3=iso3.lower(), permanent=True)
    country = find_country(iso3)
    pdf, version = country_brief_pdf(country)
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = version.as_of.isoformat() if version.as_of else "undated"
    filename = f"focus-brief-{country.code.lower()}-{get_language()}-{stamp}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if version.changed:
        response["Last-Modified"] = http_date(version.changed.timestamp())
    response["Content-Language"] = get_language()
    return response
