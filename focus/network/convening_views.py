"""The convenings' public pages: the list, a convening's page with its registration form,
the calendar feeds, and a registration's own page (reached by its unguessable link)."""

from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from focus.core.http import NotFound, meaningful_query, over_limit, page_of
from focus.core.paths import page_path
from focus.core.text import translated

from . import registration as registrations
from .calendar import calendar_file
from .convening_forms import ConveningFilterForm, RegistrationForm
from .convenings import (
    convening_json_ld,
    convening_path,
    described,
    display_title,
    filtered,
    for_calendar,
    for_listing,
    is_upcoming,
    language_names,
    public_convenings,
)
from .models import Convening, Registration

PAGE_SIZE = 25
# Per client: a person registers for a convening or two; a robot registering many is stopped.
REGISTRATION_RATES = ("5/m", "30/h")
FILTERS = ("year", "region", "topic", "kind")


def _convening_or_404(slug: str) -> Convening:
    item = public_convenings().select_related("country").filter(slug=slug).first()
    if item is None:
        raise NotFound(_("There is no convening at this address. It may have been renamed."))
    return item


@require_safe
def convenings(request):
    """Upcoming convenings, then past ones, filtered by year, region, topic and kind."""
    form = ConveningFilterForm.for_the_page(request.GET)
    context = {"form": form, "ics": _calendar_link(request)}
    if not form.is_valid():
        return render(request, "network/convenings.html", context, status=400)
    filters = form.filters()
    page = page_of(request, for_listing(filtered(public_convenings(), **filters)), PAGE_SIZE)
    page.object_list = described(page.object_list)
    return render(
        request,
        "network/convenings.html",
        {**context, "page": page, "filtered": any(filters.values())},
    )


def _calendar_link(request) -> str:
    return page_path("network:calendar") + meaningful_query(request.GET, FILTERS)


def _page(request, convening: Convening, form=None, status: int = 200, **extra):
    [convening] = described([convening])
    accepts = registrations.accepts_registrations(convening)
    return render(
        request,
        "network/convening.html",
        {
            "convening": convening,
            "upcoming": is_upcoming(convening),
            "languages": language_names(convening),
            "summary": translated(convening, "summary"),
            "outcome": translated(convening, "outcome"),
            "topics": convening.topics.order_by("name"),
            "documents": convening.documents.public().order_by("title"),  # type: ignore[attr-defined]
            "sources": convening.sources.all(),
            "accepts": accepts,
            "places": registrations.places(convening) if accepts else None,
            "form": form if form is not None else (RegistrationForm() if accepts else None),
            "json_ld": convening_json_ld(
                convening, request.build_absolute_uri(convening_path(convening))
            ),
            **extra,
        },
        status=status,
    )


@require_safe
def convening(request, slug: str):
    """Everything known about one convening, and a form to register for an upcoming one."""
    return _page(request, _convening_or_404(slug))


@require_POST
def register(request, slug: str):
    """Register for a place; the answer is the same whether the address is new or not (the
    e-mail to it says which), so that nobody learns from it who registered."""
    item = _convening_or_404(slug)
    form = RegistrationForm(request.POST)
    if not registrations.accepts_registrations(item):
        return _page(request, item, form=form, status=409, closed=True)
    if over_limit(request, "convening-registration", REGISTRATION_RATES):
        response = _page(request, item, form=form, status=429, too_many=True)
        response["Retry-After"] = "3600"
        return response
    if not form.is_valid():
        return _page(request, item, form=form, status=400)
    try:
        registrations.registration_create(
            convening=item,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            language=get_language(),
        )
    except registrations.RegistrationClosed:
        return _page(request, item, form=form, status=409, closed=True)
    return redirect("network:registered", slug=item.slug)


@require_safe
def registered(request, slug: str):
    """What happens next, after a registration was sent."""
    [item] = described([_convening_or_404(slug)])
    return render(request, "network/convening_registered.html", {"convening": item})


@never_cache
@require_http_methods(["GET", "POST"])
def registration(request, uuid):
    """A registration's own page, from the link in its e-mails: where it stands, and a
    button to cancel it. The link is the only key."""
    item = Registration.objects.select_related("convening__country").filter(uuid=uuid).first()
    if item is None or not item.convening.published:
        raise NotFound(
            _("No registration has this link. It may have been replaced by a newer one.")
        )
    if request.method == "POST":
        registrations.registration_cancel(registration=item)
        return redirect("network:registration", uuid=item.uuid)
    [convening_item] = described([item.convening])
    return render(
        request,
        "network/convening_registration.html",
        {
            "registration": item,
            "convening": convening_item,
            "position": registrations.waiting_position(item),
        },
    )


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def calendar(request):
    """The convenings as an iCalendar file, with the list page's filters."""
    form = ConveningFilterForm(request.GET)
    if not form.is_valid():
        raise BadRequest(
            _("Some filters could not be read: %(errors)s")
            % {
                "errors": "; ".join(
                    f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
                )
            }
        )
    items = for_calendar(filtered(public_convenings(), **form.filters()))
    content = calendar_file(items, request.build_absolute_uri, _("Focus: convenings"))
    return _ics(content, "convenings.ics")


@require_safe
def convening_calendar(request, slug: str):
    """One convening as an iCalendar file; one without a date has none."""
    item = _convening_or_404(slug)
    if item.start_date is None:
        raise NotFound(
            _("The date of this convening is not known, so it cannot be added to a calendar.")
        )
    content = calendar_file([item], request.build_absolute_uri, str(display_title(item)))
    return _ics(content, f"{item.slug}.ics")
