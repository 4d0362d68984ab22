"""Conversations in a network's members' space, by topic and by country: which ones a
list shows, starting one with its first message, and replying."""

from django.db import transaction
from django.db.models import Count, Max
from django.db.models.functions import Coalesce

from . import notifications
from .models import Member, Network, Post, Thread


def for_listing(network: Network, *, topic=None, country=None):
    """The network's conversations, the most recently active first, each with its number
    of messages (`post_count`) and the date of the last one (`last_post`), in one query."""
    threads = Thread.objects.filter(network=network)
    if topic is not None:
        threads = threads.filter(topic=topic)
    if country is not None:
        threads = threads.filter(country=country)
    return (
        threads.select_related("topic", "country", "started_by")
        .annotate(post_count=Count("posts"), last_post=Max("posts__created"))
        # A conversation whose messages were all erased (their authors left) keeps its date.
        .annotate(active=Coalesce("last_post", "created"))
        .order_by("-active", "-pk")
    )


def thread_start(
    *, network: Network, member: Member, title: str, topic, country, body: str
) -> Thread:
    """Start a conversation with its first message: both are saved, or neither."""
    with transaction.atomic():
        thread = Thread.objects.create(
            network=network, title=title, topic=topic, country=country, started_by=member
        )
        Post.objects.create(thread=thread, author=member, body=body)
    return thread


def thread_reply(*, thread: Thread, member: Member, body: str) -> Post:
    """A member's reply in a conversation; those taking part are told once it is saved."""
    with transaction.atomic():
        post = Post.objects.create(thread=thread, author=member, body=body)
        notifications.new_reply(post)
    return post
