"""The Follow link of country, instrument, mechanism and search pages: it opens the
alerts' form with the page's subject chosen."""

from urllib.parse import urlencode

from django import template
from django.utils.translation import gettext as _

from focus.core.paths import page_path

from ..forms import SEARCH_TYPES, saved_search

register = template.Library()


@register.inclusion_tag("alerts/_follow.html")
def follow_link(*, country=None, instrument=None, mechanism=None, search=None):
    """`{% follow_link country=country %}`, `instrument=…`, `mechanism=…`, or
    `search=request.GET` (shown only for a search with words, of records alerts tell of)."""
    query, label = "", ""
    if country is not None:
        query = urlencode({"country": country.code.lower()})
        label = _("Follow %(name)s by e-mail") % {"name": country.name}
    elif instrument is not None:
        query, label = (
            urlencode({"instrument": instrument.slug}),
            _("Follow this instrument by e-mail"),
        )
    elif mechanism is not None:
        query, label = (
            urlencode({"mechanism": mechanism.slug}),
            _("Follow this mechanism by e-mail"),
        )
    elif search is not None and search.get("type", "") in SEARCH_TYPES:
        query, label = saved_search(search), _("Follow this search by e-mail")
    return {"url": f"{page_path('alerts:subscribe')}?{query}" if query else "", "label": label}
