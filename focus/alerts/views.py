"""The alerts' pages: the form (pre-filled by the Follow links), what happens next, the
confirmation, a subscription's own page (reached by the link in each message) and the
one-click unsubscribe. The links are the only keys: no account, no cookie."""

from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from focus.core.http import NotFound, over_limit
from focus.geo.models import Jurisdiction, Region
from focus.policies.models import Instrument, Mechanism
from focus.search.forms import SearchForm

from . import services
from .emails import describe
from .forms import SEARCH_TYPES, ChoicesForm, SubscriptionForm, saved_search

# Per client: a person subscribes once or twice; a robot subscribing many is stopped.
SUBSCRIBE_RATES = ("5/m", "20/h")
DONE = ("confirmed", "saved")


def _prefill(query) -> dict:
    """The form's initial choices from a Follow link: `?country=mex` (repeatable),
    `?region=americas`, `?instrument=<slug>`, `?mechanism=<slug>`, or a search as the
    search page writes it (`?q=…&type=…&country=…`). Unknown values are a 400 or a 404
    that says what was not found."""
    initial: dict = {}
    if query.get("q", "").strip():
        form = SearchForm(query)
        if not form.is_valid() or form.cleaned_data["type"] not in SEARCH_TYPES:
            raise BadRequest(
                _(
                    "This search cannot be followed. Alerts tell of new developments and documents; open the search again and follow it from there."
                )
            )
        initial["search"] = saved_search(query)
        return initial
    codes = [c.strip().upper() for c in query.getlist("country") if c.strip()]
    if codes:
        known = set(
            Jurisdiction.objects.countries().filter(code__in=codes).values_list("code", flat=True)
        )
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise BadRequest(
                _(
                    "There is no country with the code “%(code)s”. Use its ISO 3166-1 alpha-3 code, such as mex."
                )
                % {"code": unknown[0].lower()[:12]}
            )
        initial["countries"] = codes
    regions = [r.strip().lower() for r in query.getlist("region") if r.strip()]
    if regions:
        known = set(Region.objects.filter(code__in=regions).values_list("code", flat=True))
        unknown = [r for r in regions if r not in known]
        if unknown:
            raise BadRequest(_("There is no region “%(code)s”.") % {"code": unknown[0][:40]})
        initial["regions"] = regions
    for name, model, message in (
        ("instrument", Instrument, _("There is no instrument at this address. It may have been renamed.")),
        ("mechanism", Mechanism, _("There is no mechanism at this address. It may have been renamed.")),
    ):  # fmt: skip
        slug = query.get(name, "").strip()
        if slug:
            if not model.objects.filter(slug=slug).exists():
                raise NotFound(message)
            initial[name] = slug
    return initial


def _form_page(request, form, status: int = 200, **extra):
    return render(request, "alerts/subscribe.html", {"form": form, **extra}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """Choose what to follow and give an address; the answer is the same whether the
    address subscribes already or not (the e-mail to it says which)."""
    if request.method != "POST":
        return _form_page(request, SubscriptionForm(initial=_prefill(request.GET)))
    form = SubscriptionForm(request.POST)
    if over_limit(request, "alerts-subscribe", SUBSCRIBE_RATES):
        response = _form_page(request, form, status=429, too_many=True)
        response["Retry-After"] = "3600"
        return response
    if not form.is_valid():
        return _form_page(request, form, status=400)
    services.subscription_request(email=form.cleaned_data["email"], choices=form.choices())
    return redirect("alerts:sent")


@require_safe
def sent(request):
    """What happens next, after the form was sent."""
    return render(request, "alerts/sent.html")


def _link_problem(request, error: services.LinkError):
    if isinstance(error, services.LinkExpired):
        message = _(
            "This link has expired: links to confirm work for 7 days. Ask for the alerts again, and use the link in the new e-mail."
        )
    else:
        message = _(
            "This link is out of date: the choices of these alerts were changed after it was sent. Use the link in the newest e-mail, or ask again."
        )
    return render(request, "alerts/link_problem.html", {"message": message}, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    """The link of the e-mail that asks to confirm: a page with a button, so that a
    program that opens links to check them confirms nothing."""
    try:
        subscription, choices = services.read_confirmation(token)
    except services.LinkUnknown:
        raise NotFound(
            _("This link is not valid: it may be incomplete, or these alerts have been stopped.")
        ) from None
    except services.LinkError as error:
        return _link_problem(request, error)
    if request.method == "POST":
        services.subscription_confirm(subscription=subscription, choices=choices)
        return redirect(f"{subscription.manage_path()}?done=confirmed")
    done = subscription.confirmed is not None and choices is None
    return render(
        request,
        "alerts/confirm.html",
        {
            "lines": describe(choices or subscription.choices()),
            "change": choices is not None,
            "done": done,
            "manage": subscription.manage_path() if done else "",
        },
    )


def _subscription_or_404(token: str):
    subscription = services.subscription_for(token)
    if subscription is None:
        raise NotFound(
            _(
                "No alerts have this link: they may have been stopped already, or the link is incomplete."
            )
        )
    return subscription


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token: str):
    """A subscription's own page: what it follows, to change, and a button to stop it."""
    subscription = _subscription_or_404(token)
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            services.subscription_change(subscription=subscription, choices=form.choices())
            return redirect(f"{subscription.manage_path()}?done=saved")
        status = 400
    else:
        current = subscription.choices()
        form = ChoicesForm(
            initial={
                "countries": [c.upper() for c in current.countries],
                "regions": list(current.regions),
                "instrument_types": list(current.instrument_types),
                "beneficiaries": list(current.beneficiaries),
                "instrument": current.instrument,
                "mechanism": current.mechanism,
                "search": current.search,
                "frequency": current.frequency,
                "language": current.language,
            }
        )
        status = 200
    done = request.GET.get("done", "")
    return render(
        request,
        "alerts/manage.html",
        {
            "form": form,
            "subscription": subscription,
            "done": done if done in DONE else "",
            "unsubscribe": subscription.unsubscribe_path(),
        },
        status=status,
    )


@csrf_exempt  # RFC 8058: mail programs POST here with no cookie and no token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """Stop the alerts. A POST stops them at once (the one-click unsubscribe of mail
    programs, and the button); a GET only shows the button, so that a program that
    opens links to check them stops nothing."""
    subscription = _subscription_or_404(token)
    if request.method == "POST":
        services.subscription_end(subscription=subscription)
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
