"""E-mail to members about new calls to act and replies (under a call to act or in a
conversation), as each member chose: at once, in a daily digest (manage.py
send_network_digests, run once a day), or never. Only active members of the network are
written to, and every link is absolute: a mail is read away from the site."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from focus.core.paths import page_path

from .models import Action, Member, Network, Post, Thread
from .vocabulary import MembershipStatus, Notify


def _active(network, notify: str):
    return Member.objects.filter(
        network=network, status=MembershipStatus.ACTIVE, notify=notify
    ).select_related("user")


def _link(network: Network, view: str, pk: int) -> str:
    """The absolute address of a call to act ("network:action") or a conversation
    ("network:thread")."""
    return settings.SITE_URL + page_path(view, network.slug, pk)


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
        "path": _link(action.network, "network:action", action.pk),
    }
    _send(subject, body, recipients)


def new_reply(post: Post) -> None:
    """Tell those taking part, but the author: under a call to act, who called it, pledged
    or replied; in a conversation, who started it or wrote in it."""
    place: Action | Thread
    if post.action:
        place, view = post.action, "network:action"
        involved: set[int | None] = set(place.pledges.values_list("member_id", flat=True))
        involved.add(place.created_by_id)
    elif post.thread:
        place, view = post.thread, "network:thread"
        involved = {place.started_by_id}
    else:  # the database holds one or the other
        raise ValueError("a post is in a thread or under an action")
    involved |= set(place.posts.values_list("author_id", flat=True))
    involved.discard(None)
    involved.discard(post.author_id)
    recipients = [
        m.user.email for m in _active(place.network, Notify.IMMEDIATE).filter(pk__in=involved)
    ]
    subject = _("New reply on “%(title)s”") % {"title": place.title}
    if isinstance(place, Thread):  # a long conversation has pages: link the reply's own
        link = settings.SITE_URL + place.post_path(post)
    else:
        link = _link(place.network, view, place.pk)
    body = _("%(author)s wrote:\n\n%(text)s\n\n%(path)s") % {
        "author": post.author.display_name,
        "text": post.body,
        "path": link,
    }
    _send(subject, body, recipients)


def daily_digests(now: dt.datetime | None = None) -> int:
    """One e-mail per member who chose the daily digest, with the last day's new calls
    to act, and the calls to act and conversations others wrote in; none when there is
    nothing new."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=1)
    messages = []
    for member in Member.objects.filter(
        status=MembershipStatus.ACTIVE, notify=Notify.DAILY
    ).select_related("user", "network"):
        if not member.user.email:
            continue
        network = member.network
        actions = list(Action.objects.filter(network=network, created__gte=since))
        # Messages by others since yesterday, counted per call to act or conversation.
        replies = list(
            Post.objects.filter(
                Q(action__network=network) | Q(thread__network=network), created__gte=since
            )
            .exclude(author=member)
            .values("action_id", "action__title", "thread_id", "thread__title")
            .annotate(count=Count("pk"))
            .order_by("action__title", "thread__title")
        )
        if not (actions or replies):
            continue
        lines = [_("New in %(network)s since yesterday:") % {"network": network}, ""]
        lines += [f"• {a.title} ({_link(network, 'network:action', a.pk)})" for a in actions]
        for row in replies:
            view, pk, title = (
                ("network:action", row["action_id"], row["action__title"])
                if row["action_id"]
                else ("network:thread", row["thread_id"], row["thread__title"])
            )
            lines.append(
                ngettext(
                    "• %(count)s new message in “%(title)s” (%(link)s)",
                    "• %(count)s new messages in “%(title)s” (%(link)s)",
                    row["count"],
                )
                % {"count": row["count"], "title": title, "link": _link(network, view, pk)}
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
    # A title typed with a line break would make the subject an invalid header.
    subject = " ".join(subject.split())
    if recipients:
        # One message each: members do not see each other's addresses.
        transaction.on_commit(
            lambda: send_mass_mail([(subject, body, None, [r]) for r in recipients])
        )
