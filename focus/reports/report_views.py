"""The annual Focus report's pages: the list of published reports, a year's report (its
newest edition, or `?edition=N`), and its PDF. Editors may preview a draft with
`?preview=1`: the figures are then computed from the data as it is now."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import NotFound
from focus.geo.maps import coloured_map

from . import annual
from .briefs import CACHE_SECONDS, brief_cache, files_digest
from .models import AnnualReport
from .pdf import render_pdf

# What a report's PDF is made from, besides its frozen figures.
LAYOUT_TEMPLATES = (
    "reports/pdf_document.html",
    "reports/annual_report_pdf.html",
    "reports/_annual_report.html",
    "reports/_records.html",
    "reports/_bar_chart.svg",
    "reports/_year_map.svg",
)
LAYOUT_STATIC = ("core/focus.css", "reports/report.css")


def _files_digest() -> str:
    return files_digest(LAYOUT_TEMPLATES, LAYOUT_STATIC)


_files_digest_once = cache(_files_digest)


def _layout_digest() -> str:
    """Read once per process, except with DEBUG, where templates change under a server."""
    return _files_digest() if settings.DEBUG else _files_digest_once()


def may_preview(user) -> bool:
    return user.is_authenticated and user.has_perm("reports.change_annualreport")


@require_safe
def reports(request):
    published = AnnualReport.objects.latest_editions()
    drafts = (
        AnnualReport.objects.filter(published__isnull=True).order_by("-year")
        if may_preview(request.user)
        else []
    )
    return render(request, "reports/reports.html", {"reports": published, "drafts": drafts})


def _number(text: str, what: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) < 6):
        raise NotFound(_("“%(value)s” is not a %(what)s.") % {"value": text[:20], "what": what})
    return int(text)


def report_context(request, year: int) -> dict:
    """The report to show, its figures in the visitor's language, its maps and charts."""
    if year not in annual.years():
        raise NotFound(_("There is no published Focus report for %(year)s.") % {"year": year})
    preview = request.GET.get("preview") == "1" and may_preview(request.user)
    editions = AnnualReport.objects.filter(year=year)
    if not preview:
        editions = editions.published()
    if "edition" in request.GET:
        report = editions.filter(edition=_number(request.GET["edition"], _("edition"))).first()
    else:
        report = editions.order_by("-edition").first()
    if report is None:
        raise NotFound(_("There is no published Focus report for %(year)s.") % {"year": year})
    live = preview and not report.is_published
    figures = annual.figures(year) if live else report.figures_in(get_language())
    if figures is None:  # publishing freezes them
        raise ValueError(f"{report} is published without its figures")
    return {
        "report": report,
        "figures": figures,
        "preview": live,
        "maps": [
            (_("1 January %(year)s") % {"year": year}, coloured_map(figures["map"]["start"])),
            (_("31 December %(year)s") % {"year": year}, coloured_map(figures["map"]["end"])),
        ],
        "charts": annual.charts(figures),
        "editions": AnnualReport.objects.filter(year=year).published().order_by("edition"),
        "report_url": settings.SITE_URL + report.get_absolute_url(),
    }


@require_safe
def annual_report(request, year: int):
    return render(request, "reports/annual_report.html", report_context(request, year))


@require_safe
def annual_report_pdf(request, year: int):
    context = report_context(request, year)
    report = context["report"]
    title = _("Focus %(year)s: public policies for the protection of defenders") % {"year": year}
    key = f"report:{report.pk}:{get_language()}:{_layout_digest()}"
    pdf = None if context["preview"] else brief_cache().get(key)
    if pdf is None:
        pdf = render_pdf(
            "reports/annual_report_pdf.html", context, title=title, created=report.published
        )
        if not context["preview"]:
            # A published edition never changes: its PDF is made once per language
            # (and again only when the templates or translations do).
            brief_cache().set(key, pdf, CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"focus-report-{year}-{report.edition}-{get_language()}.pdf"
    if context["preview"]:
        name = f"focus-report-{year}-preview-{get_language()}.pdf"
        response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Language"] = get_language()
    return response
