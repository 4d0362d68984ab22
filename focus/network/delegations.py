"""Focal-point delegations in the members' space: who may see a delegation's page (its
own members and the network's moderators, no one else), and the follow-up of the
recommendations on defenders that its country received."""

from collections import Counter
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from focus.core.http import NotFound
from focus.standards.models import Recommendation
from focus.standards.vocabulary import Implementation

from .models import Delegation, FollowUp, Member, Network
from .vocabulary import MembershipStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def visible(network: Network, member: Member):
    """The delegations this member may open: all of them for a moderator, else their own."""
    delegations = Delegation.objects.filter(network=network).select_related("country")
    if member.is_moderator:
        return delegations
    if member.delegation_id is None:
        return delegations.none()
    return delegations.filter(pk=member.delegation_id)


def delegation_or_404(network: Network, member: Member, code: str) -> Delegation:
    delegation = visible(network, member).filter(country__code__iexact=code).first()
    if delegation is None:
        raise NotFound(_("There is no page at this address."))
    return delegation


def members(delegation: Delegation):
    return (
        Member.objects.filter(delegation=delegation, status=MembershipStatus.ACTIVE)
        .select_related("country")
        .order_by("display_name")
    )


def recommendations(delegation: Delegation):
    """The recommendations on defenders the country received, newest cycle first."""
    return (
        Recommendation.objects.on_defenders()
        .filter(jurisdiction=delegation.country)
        .select_related("recommending_state")
        .order_by("-cycle", "-date", "pk")
    )


def follow_ups(delegation: Delegation) -> dict[int, FollowUp]:
    """The delegation's follow-ups, by recommendation."""
    rows = FollowUp.objects.filter(delegation=delegation).select_related("updated_by")
    return {row.recommendation_id: row for row in rows}


def tally(recommended, followed: dict[int, FollowUp]) -> list[tuple["StrOrPromise", int]]:
    """How many recommendations stand at each status; not yet followed up = not assessed."""
    counts = Counter(
        followed[r.pk].status if r.pk in followed else Implementation.NOT_ASSESSED
        for r in recommended
    )
    return [(label, counts[value]) for value, label in Implementation.choices if counts[value]]


@transaction.atomic
def follow_up(
    delegation: Delegation, recommendation: Recommendation, member: Member, status, evidence
) -> FollowUp:
    if recommendation.jurisdiction_id != delegation.country_id:
        raise NotFound(_("There is no page at this address."))
    row, _created = FollowUp.objects.update_or_create(
        delegation=delegation,
        recommendation=recommendation,
        defaults={"status": status, "evidence": evidence, "updated_by": member},
    )
    return row
