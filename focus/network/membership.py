"""Joining a network, being vetted, leaving it: the rules, apart from the pages.

Members' space pages answer 404 to anyone who is not an active member of that network
(never 403: a private page does not exist for outsiders); moderators must use two-factor
authentication there.
"""

import json

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from focus.core.http import NotFound
from focus.core.paths import page_path

from .models import Action, Member, MemberListReading, Network, Pledge, Post, Thread
from .vocabulary import MembershipStatus, Role


class NotAllowed(Exception):
    """A step of membership this person may not take."""


def network_or_404(slug: str) -> Network:
    network = Network.objects.public().filter(slug=slug).first()
    if network is None:
        raise NotFound(_("There is no network at this address."))
    return network


def membership(user, network: Network) -> Member | None:
    """The user's membership of the network, whatever its status."""
    if not user.is_authenticated:
        return None
    return Member.objects.filter(network=network, user=user).first()


def active_member_or_404(user, network: Network) -> Member:
    member = membership(user, network)
    if member is None or not member.is_active:
        raise NotFound(_("There is no page at this address."))
    return member


def needs_second_factor(member: Member) -> bool:
    """Moderators see applications and the reading log: they must use an authenticator."""
    return member.is_moderator and not is_mfa_enabled(member.user, [Authenticator.Type.TOTP])


def apply(user, network: Network, **fields) -> Member:
    if membership(user, network) is not None:
        raise NotAllowed(_("You have already applied to this network, or are a member."))
    return Member.objects.create(
        network=network, user=user, status=MembershipStatus.APPLIED, **fields
    )


def decide(application: Member, moderator: Member, approve: bool) -> Member:
    """A moderator of the same network accepts or refuses an application, once."""
    if not moderator.is_moderator or moderator.network_id != application.network_id:
        raise NotAllowed(_("Only the network's moderators decide on applications."))
    status = MembershipStatus.ACTIVE if approve else MembershipStatus.REFUSED
    updated = Member.objects.filter(pk=application.pk, status=MembershipStatus.APPLIED).update(
        status=status, decided=timezone.now(), decided_by=moderator.user
    )
    if not updated:
        raise NotAllowed(_("This application has already been decided."))
    application.refresh_from_db()
    transaction.on_commit(lambda: _tell(application))
    return application


def _tell(member: Member) -> None:
    if not member.user.email:
        return
    # In the language the moderator decided in: the account keeps no language.
    if member.is_active:
        subject = _("You are a member of %(network)s") % {"network": member.network}
        body = _(
            "Your application to %(network)s was accepted. The members' space is at "
            "%(path)s (sign in first)."
        ) % {
            "network": member.network,
            "path": settings.SITE_URL + page_path("network:space", member.network.slug),
        }
    else:
        subject = _("Your application to %(network)s") % {"network": member.network}
        body = _("The moderators of %(network)s did not accept your application.") % {
            "network": member.network
        }
    send_mail(subject, body, None, [member.user.email])


def log_member_list(member: Member) -> None:
    MemberListReading.objects.create(network=member.network, user=member.user)


def what_they_wrote(member: Member) -> str:
    """Everything a member wrote in the network, as JSON, for them to keep before leaving."""
    data = {
        "network": member.network.slug,
        "membership": {
            "display_name": member.display_name,
            "country": member.country.code,
            "parliament": member.parliament,
            "party_group": member.party_group,
            "committees": member.committees,
            "stakeholder_group": member.stakeholder_group,
            "motivation": member.motivation,
            "shown": member.shown,
            "applied": member.applied.isoformat(),
        },
        # Messages in conversations and replies under calls to act, with where they are.
        "posts": [
            {
                "written": p.created.isoformat(),
                "text": p.body,
                "conversation": p.thread.title if p.thread else None,
                "action": p.action.title if p.action else None,
            }
            for p in member.posts.select_related("thread", "action").order_by("created", "pk")
        ],
        "pledges": [
            {
                "action": p.action.title,
                "what": p.kind,
                "note": p.note,
                "report_back": p.report_back,
                "pledged": p.created.isoformat(),
            }
            for p in member.pledges.select_related("action").order_by("created", "pk")
        ],
        "calls_to_act": [
            {
                "title": a.title,
                "situation": a.situation,
                "outcome": a.outcome,
                "called": a.created.isoformat(),
            }
            for a in Action.objects.filter(created_by=member).order_by("created", "pk")
        ],
        "conversations_started": [
            {"title": t.title, "started": t.created.isoformat()}
            for t in Thread.objects.filter(started_by=member).order_by("created", "pk")
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


@transaction.atomic
def leave(member: Member) -> None:
    """Leaving deletes the membership and, with it, what the member wrote (posts,
    pledges, report-backs), and the calls to act and conversations they started where
    nobody else took part. Where others pledged or wrote, the call or conversation is
    theirs too: it stays, unsigned."""
    if member.role == Role.MODERATOR:
        moderators = Member.objects.filter(
            network=member.network, role=Role.MODERATOR, status=MembershipStatus.ACTIVE
        ).exclude(pk=member.pk)
        if not moderators.exists():
            raise NotAllowed(_("The network's last moderator cannot leave it."))
    others = ~Q(author=member)
    Action.objects.filter(created_by=member).exclude(
        Exists(Pledge.objects.filter(action=OuterRef("pk")).exclude(member=member))
        | Exists(Post.objects.filter(others, action=OuterRef("pk")))
    ).delete()
    Thread.objects.filter(started_by=member).exclude(
        Exists(Post.objects.filter(others, thread=OuterRef("pk")))
    ).delete()
    member.delete()
