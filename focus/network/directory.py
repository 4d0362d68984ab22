"""What the public may know of a network's people: only the members who chose to be
shown, with only the fields they chose, and how many members each country has."""

from django.db.models import Count, Exists, OuterRef, Q

from focus.core.paths import page_path

from .models import Delegation, Member, Network
from .vocabulary import MembershipStatus


def active(network: Network):
    return Member.objects.filter(network=network, status=MembershipStatus.ACTIVE)


def public_directory(network: Network) -> list[list[tuple[str, str]]]:
    """The members who opted in, each as the fields they chose (in a stable order)."""
    members = active(network).exclude(shown=[]).select_related("country", "delegation__country")
    entries = [member.public_fields() for member in members.order_by("display_name", "pk")]
    return [entry for entry in entries if entry]


def presence(network: Network) -> list[dict]:
    """Active members per country: counts, never names."""
    rows = (
        active(network)
        .values("country__code", "country__name")
        .annotate(members=Count("pk"))
        .order_by("country__name")
    )
    return [
        {
            "url": page_path("geo:country", r["country__code"].lower()),
            "name": r["country__name"],
            "members": r["members"],
        }
        for r in rows
    ]


def in_country(country) -> list[dict]:
    """Each public network's presence in a country, in one query: how many members, and
    whether a focal-point delegation exists (for the country page; names no one)."""
    networks = Network.objects.public().annotate(
        here=Count(
            "members",
            filter=Q(members__status=MembershipStatus.ACTIVE, members__country=country),
        ),
        has_delegation=Exists(Delegation.objects.filter(network=OuterRef("pk"), country=country)),
    )
    return [
        {"network": n, "members": n.here, "delegation": n.has_delegation}
        for n in networks
        if n.here or n.has_delegation
    ]
