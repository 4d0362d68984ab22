"""The networks' public pages: what each network is and does, its public statements, the
members who chose to be shown, and its presence by country. The members' space is not
here (members only)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from focus.core.http import NotFound

from . import directory
from .models import Delegation, Network


@require_safe
def networks(request):
    return render(request, "network/networks.html", {"networks": Network.objects.public()})


@require_safe
def network(request, slug: str):
    item = Network.objects.public().prefetch_related("sources").filter(slug=slug).first()
    if item is None:
        raise NotFound(_("There is no network at this address."))
    delegations = Delegation.objects.filter(network=item).select_related("country")
    return render(
        request,
        "network/network.html",
        {
            "network": item,
            "statements": item.statements.filter(published=True).prefetch_related("sources"),
            "directory": directory.public_directory(item),
            "presence": directory.presence(item),
            "delegations": delegations,
            "convenings": item.convenings.public()[:10],
        },
    )
