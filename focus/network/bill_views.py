"""The bill tracker of a network's members' space: drafts and bills under debate or
stalled in the members' countries, and what a parliamentarian can do at each stage.
Members of the network only (404 to anyone else)."""

from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import bills
from .space_views import _space


@require_safe
def bill_tracker(request, slug: str):
    """The tracker, for every member country or the one chosen (by its ISO code)."""
    network, member, elsewhere = _space(request, slug)
    if elsewhere:
        return elsewhere
    countries = bills.member_countries(network, member)
    chosen = _chosen_country(request, countries)
    return render(
        request,
        "network/bills.html",
        {
            "network": network,
            "member": member,
            "countries": countries,
            "chosen": chosen,
            "tracker": bills.track([chosen] if chosen else countries),
        },
    )


def _chosen_country(request, countries):
    code = request.GET.get("country", "").strip().lower()
    if not code:
        return None
    chosen = next((c for c in countries if c.code.lower() == code), None)
    if chosen is None:
        raise BadRequest(
            _("“%(value)s” is not among the members’ countries: choose one from the list.")
            % {"value": code[:40]}
        )
    return chosen
