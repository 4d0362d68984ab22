"""Reading what a visitor puts in a URL, with a clear message when it is wrong."""

import datetime as dt
import hashlib
import hmac
from urllib.parse import urlencode

import django_fast_ratelimit as ratelimit
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

# The earliest date the map and the timeline accept: older than any protection policy.
EARLIEST = dt.date(1900, 1, 1)


class NotFound(Http404):
    """A 404 whose message is written for visitors, in their language, and shown to them."""


def date_param(request, name: str = "on") -> dt.date | None:
    """A `YYYY-MM-DD` date from the query string, None when absent or empty.

    A malformed or impossible date is a 400 that says what was expected.
    """
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or len(text) != 10:
        raise BadRequest(
            _("“%(value)s” is not a date. Write it as year-month-day, for example 2012-06-25.")
            % {"value": text[:40]}
        )
    if value < EARLIEST or value > dt.date.today():
        raise BadRequest(
            _("Choose a date between %(start)s and today.") % {"start": EARLIEST.isoformat()}
        )
    return value


# Tags that only say where a visitor came from: never part of a page's address.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid")


def meaningful_query(query, names=None) -> str:
    """A query string as a page's own address: "" or "?a=1&b=2".

    Empty values (a GET form sends every field), tracking tags and `page=1` are left
    out, and parameters are sorted, so that one page has one address. With `names`,
    only those parameters are kept.
    """
    pairs = sorted(
        (name, value)
        for name, values in query.lists()
        for value in values
        if value.strip()
        and (names is None or name in names)
        and not name.startswith(TRACKING_PARAMETERS)
        and not (name == "page" and value == "1")
    )
    return f"?{urlencode(pairs)}" if pairs else ""


def page_of(request, items, per_page: int):
    """One page of a list; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        raise NotFound(_("“%(value)s” is not a page number.") % {"value": number[:20]}) from None
    except EmptyPage:
        raise NotFound(
            _("There is no page %(number)s: the list has %(count)s page(s).")
            % {"number": number[:20], "count": paginator.num_pages}
        ) from None


def over_limit(request, group: str, rates) -> bool:
    """Count this request against each rate ("5/m", "30/h") of the group, per client; True
    once one of them is exceeded."""
    key = client_key(request)
    limits = [
        ratelimit.get_ratelimit(
            group=f"{group}-{rate}",
            key=key,
            rate=rate,
            action=ratelimit.Action.INCREASE,
            request=request,
        )
        for rate in rates
    ]
    return any(limit.request_limit > 0 for limit in limits)


def client_key(request) -> bytes:
    """A keyed hash of the client's address whose key changes every day: rate limits work,
    yet neither the cache nor the database ever holds an address."""
    day = timezone.now().strftime("%Y-%m-%d")
    key = hmac.new(settings.SECRET_KEY.encode(), day.encode(), hashlib.sha256).digest()
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(key, address.encode(), hashlib.sha256).digest()
