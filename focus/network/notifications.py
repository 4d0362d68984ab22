"""E-mail to members about new calls to act and replies, as each member chose: at once,
in a daily digest (manage.py send_network_digests, run once a day), or never. Only
active members of the network are written to."""

import datetime as dt

from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Action, Member, Post
from .vocabulary import MembershipStatus, Notify


def _active(network, notify: str):
    return Member.objects.filter(
        network=network, status=MembershipStatus.ACTIVE, notify=notify
    ).select_related("user")


def _space_path(network) -> str:
    return network.get_absolute_url() + "space/"


def new_action(action: Action) -> None:
    """Tell the members who want it at once, after the action is saved."""
    author = action.created_by.user_id if action.created_by else None
    recipients = [
        m.user.email for m in _active(action.network, Notify.IMMEDIATE) if m.user_id != author
    ]
    subject = _("New call to act in %(network)s: %(title)s") % {
        "network": action.network,
        "title": action.title,
    }
    body = _("%(title)s\n\n%(situation)s\n\nRead it and pledge: %(path)s") % {
        "title": action.title,
        "situation": action.situation,
        "path": f"{_space_path(action.network)}actions/{action.pk}/",
    }
    _send(subject, body, recipients)


def new_reply(post: Post) -> None:
    """Tell those taking part in the action (who called it, pledged or replied)."""
    action = post.action
    involved = {p.member_id for p in action.pledges.all()} | {
        p.author_id for p in action.posts.all()
    }
    if action.created_by_id:
        involved.add(action.created_by_id)
    involved.discard(post.author_id)
    recipients = [
        m.user.email for m in _active(action.network, Notify.IMMEDIATE).filter(pk__in=involved)
    ]
    subject = _("New reply on “%(title)s”") % {"title": action.title}
    body = _("%(author)s wrote:\n\n%(text)s\n\n%(path)s") % {
        "author": post.author.display_name,
        "text": post.body,
        "path": f"{_space_path(action.network)}actions/{action.pk}/",
    }
    _send(subject, body, recipients)


def daily_digests(now: dt.datetime | None = None) -> int:
    """One e-mail per member who chose the daily digest, with the last day's new calls
    to act and replies in their network; none when there is nothing new."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=1)
    messages = []
    for member in Member.objects.filter(
        status=MembershipStatus.ACTIVE, notify=Notify.DAILY
    ).select_related("user", "network"):
        actions = Action.objects.filter(network=member.network, created__gte=since)
        replies = Post.objects.filter(action__network=member.network, created__gte=since).exclude(
            author=member
        )
        if not member.user.email or not (actions.exists() or replies.exists()):
            continue
        lines = [_("New in %(network)s since yesterday:") % {"network": member.network}, ""]
        lines += [f"• {a.title} ({_space_path(member.network)}actions/{a.pk}/)" for a in actions]
        count = replies.count()
        if count:
            lines.append(
                ngettext("• %(count)s new reply", "• %(count)s new replies", count)
                % {"count": count}
            )
        messages.append(
            (
                _("Daily digest of %(network)s") % {"network": member.network},
                "\n".join(lines),
                None,
                [member.user.email],
            )
        )
    return send_mass_mail(messages)


def _send(subject: str, body: str, recipients: list[str]) -> None:
    recipients = [r for r in recipients if r]
    if recipients:
        # One message each: members do not see each other's addresses.
        transaction.on_commit(
            lambda: send_mass_mail([(subject, body, None, [r]) for r in recipients])
        )
