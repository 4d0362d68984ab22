"""Conversations in a network's members' space, by topic and country: starting one,
finding it, replying, being told of replies, and who reaches them: a member of the
network, and no one else (404, never 403). The people are SYNTHETIC."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from focus.accounts.tests.factories import add_totp
from focus.geo.tests.factories import CountryFactory
from focus.library.models import Topic
from focus.network.models import Action, Member, Post, Thread
from focus.network.notifications import daily_digests
from focus.network.tests.factories import join, make_network, signed_in
from focus.network.vocabulary import MembershipStatus, Notify, Role

pytestmark = pytest.mark.django_db

LIST = "/en/networks/mpforhrd/space/threads/"
NEW = "/en/networks/mpforhrd/space/threads/new/"


def _thread(network, member, title, topic=None, country=None, body="Synthetic first message"):
    thread = Thread.objects.create(
        network=network, title=title, topic=topic, country=country, started_by=member
    )
    Post.objects.create(thread=thread, author=member, body=body)
    return thread


@pytest.fixture
def world(django_user_model):
    mp = make_network("mpforhrd")
    other = make_network("other-network")
    north = CountryFactory(name_en="Northland")
    south = CountryFactory(name_en="Southland")
    CountryFactory(name_en="Eastland")  # no conversation: not offered as a filter
    women = Topic.objects.create(slug="women-defenders", name_en="Synthetic women defenders")
    land = Topic.objects.create(slug="land-defenders", name_en="Synthetic land defenders")
    Topic.objects.create(slug="unused-topic", name_en="Synthetic unused topic")
    people = {
        name: django_user_model.objects.create_user(
            username=name, email=f"{name}@example.org", password="x" * 20
        )
        for name in ("moderator", "member", "quiet", "applicant", "elsewhere")
    }
    add_totp(people["moderator"])
    members = {
        "moderator": join(mp, people["moderator"], north, role=Role.MODERATOR),
        "member": join(mp, people["member"], north),
        "quiet": join(mp, people["quiet"], south),
        "applicant": join(mp, people["applicant"], north, status=MembershipStatus.APPLIED),
        "elsewhere": join(other, people["elsewhere"], north),
    }
    return {
        "mp": mp,
        "other": other,
        "north": north,
        "south": south,
        "women": women,
        "land": land,
        "people": people,
        "members": members,
    }


def test_a_member_starts_a_conversation_and_reads_it(world):
    client = signed_in(world["people"]["member"])
    form = client.get(NEW)
    assert form.status_code == 200
    assert 'for="id_title"' in form.content.decode() and 'for="id_body"' in form.content.decode()
    started = client.post(
        NEW,
        {
            "title": "Synthetic: protection of women defenders",
            "topic": world["women"].pk,
            "country": world["north"].pk,
            "body": "Synthetic **first** message <script>alert(1)</script>",
        },
    )
    thread = Thread.objects.get()
    assert started.status_code == 302
    assert started["Location"] == f"/en/networks/mpforhrd/space/threads/{thread.pk}/"
    assert thread.network == world["mp"] and thread.started_by == world["members"]["member"]
    assert (thread.topic, thread.country) == (world["women"], world["north"])
    [post] = thread.posts.all()
    assert post.author == world["members"]["member"] and post.action is None
    page = client.get(started["Location"]).content.decode()
    assert "Synthetic: protection of women defenders" in page
    assert "<strong>first</strong>" in page and "Synthetic member" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "Synthetic women defenders" in page and "Northland" in page
    # The members' space links the newest conversations, all of them, and starting one.
    space = client.get("/en/networks/mpforhrd/space/").content.decode()
    assert f'href="/en/networks/mpforhrd/space/threads/{thread.pk}/"' in space
    assert f'href="{LIST}"' in space and f'href="{NEW}"' in space


def test_a_conversation_needs_a_title_and_a_message(world):
    client = signed_in(world["people"]["member"])
    assert client.post(NEW, {"title": "", "body": ""}).status_code == 400
    assert client.post(NEW, {"title": "x" * 301, "body": "Synthetic"}).status_code == 400
    bare = client.post(NEW, {"title": "Synthetic: no topic,\r\nno country", "body": "Synthetic"})
    assert bare.status_code == 302
    thread = Thread.objects.get()
    assert thread.topic is None and thread.country is None and Post.objects.count() == 1
    # A title is one line: it heads the page and is the subject of the e-mails.
    assert thread.title == "Synthetic: no topic, no country"


def test_an_oversized_message_is_a_400_and_nothing_is_saved(world):
    client = signed_in(world["people"]["member"])
    too_long = "x" * 20_001
    refused = client.post(NEW, {"title": "Synthetic: too long", "body": too_long})
    assert refused.status_code == 400
    assert "at most 20000 characters" in refused.content.decode().replace(",", "")
    assert not Thread.objects.exists() and not Post.objects.exists()
    thread = _thread(world["mp"], world["members"]["member"], "Synthetic thread")
    url = f"{LIST}{thread.pk}/"
    reply = client.post(url, {"reply-body": too_long})
    assert reply.status_code == 400
    assert "at most 20000 characters" in reply.content.decode().replace(",", "")
    assert Post.objects.count() == 1
    assert client.post(url, {"reply-body": "x" * 20_000}).status_code == 302


def test_conversations_are_filtered_by_topic_and_by_country(world):
    mp, starter = world["mp"], world["members"]["member"]
    _thread(mp, starter, "Synthetic A: women in Northland", world["women"], world["north"])
    _thread(mp, starter, "Synthetic B: land in Southland", world["land"], world["south"])
    _thread(mp, starter, "Synthetic C: women in Southland", world["women"], world["south"])
    _thread(mp, starter, "Synthetic D: nothing in particular")
    # Another network's conversation is never listed, nor its topic offered.
    other_topic = Topic.objects.create(slug="other-topic", name_en="Synthetic other topic")
    _thread(world["other"], world["members"]["elsewhere"], "Synthetic E: elsewhere", other_topic)
    client = signed_in(world["people"]["quiet"])

    page = client.get(LIST).content.decode()
    for letter in "ABCD":
        assert f"Synthetic {letter}:" in page
    assert "Synthetic E:" not in page and "4 conversations" in page
    # Only the topics and countries this network's conversations have are offered.
    assert 'value="women-defenders"' in page and 'value="land-defenders"' in page
    assert "unused-topic" not in page and "other-topic" not in page
    assert "Northland" in page and "Eastland" not in page

    women = client.get(LIST, {"topic": "women-defenders"}).content.decode()
    assert "Synthetic A:" in women and "Synthetic C:" in women
    assert "Synthetic B:" not in women and "Synthetic D:" not in women
    south = client.get(LIST, {"country": world["south"].code.lower()}).content.decode()
    assert "Synthetic B:" in south and "Synthetic C:" in south and "Synthetic A:" not in south
    both = client.get(LIST, {"topic": "women-defenders", "country": world["south"].code})
    assert "Synthetic C:" in both.content.decode() and "Synthetic A:" not in both.content.decode()
    # A GET form sends its empty fields: no filter.
    assert "4 conversations" in client.get(LIST, {"topic": "", "country": ""}).content.decode()


def test_a_filter_that_cannot_be_read_is_a_400_not_a_500(world):
    _thread(world["mp"], world["members"]["member"], "Synthetic", world["women"], world["north"])
    client = signed_in(world["people"]["member"])
    for query in (
        {"topic": "no-such-topic"},
        {"topic": "unused-topic"},  # exists, but no conversation has it
        {"topic": "other-topic-\x00"},
        {"country": "ZZZ"},
        {"country": world["south"].code},  # a country, but no conversation has it
        {"country": "'; DROP TABLE network_thread; --"},
    ):
        response = client.get(LIST, query)
        assert response.status_code == 400, query
        assert "Some filters could not be read" in response.content.decode()
    assert Thread.objects.count() == 1


def test_the_list_is_newest_activity_first_with_counts_in_one_query(world):
    mp, member, quiet = world["mp"], world["members"]["member"], world["members"]["quiet"]
    older = _thread(mp, member, "Synthetic older, replied to today")
    newer = _thread(mp, member, "Synthetic newer, quiet since")
    Thread.objects.filter(pk=older.pk).update(created="2020-01-01T00:00:00Z")
    Post.objects.filter(thread=older).update(created="2020-01-01T00:00:00Z")
    Thread.objects.filter(pk=newer.pk).update(created="2021-01-01T00:00:00Z")
    Post.objects.filter(thread=newer).update(created="2021-01-01T00:00:00Z")
    Post.objects.create(thread=older, author=quiet, body="Synthetic reply")
    Post.objects.create(thread=older, author=member, body="Synthetic reply")
    client = signed_in(world["people"]["member"])

    page = client.get(LIST).content.decode()
    assert page.index("Synthetic older, replied to today") < page.index("Synthetic newer")
    assert "3 messages" in page and "1 message" in page
    assert 'datetime="2021-01-01' in page

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    few = cost()
    for n in range(12):
        country = CountryFactory()
        topic = Topic.objects.create(slug=f"topic-{n}", name_en=f"Synthetic topic {n}")
        thread = _thread(mp, quiet if n % 2 else member, f"Synthetic {n}", topic, country)
        Post.objects.create(thread=thread, author=member, body="Synthetic reply")
    # The page's cost does not grow with the conversations, their topics or their authors.
    assert cost() == few


def test_the_list_is_paginated_and_a_bad_page_is_a_404(world):
    mp, member = world["mp"], world["members"]["member"]
    threads = [
        Thread(network=mp, title=f"Synthetic thread {n:02}", started_by=member) for n in range(31)
    ]
    Thread.objects.bulk_create(threads)
    client = signed_in(world["people"]["member"])
    first = client.get(LIST).content.decode()
    assert "31 conversations" in first and "Page 1 of 2" in first and 'rel="next"' in first
    assert first.count("Synthetic thread ") == 30
    assert client.get(LIST, {"page": "2"}).status_code == 200
    for bad in ("3", "0", "-1", "two", "9" * 40):
        assert client.get(LIST, {"page": bad}).status_code == 404, bad


def test_a_long_conversation_has_pages_and_a_reply_leads_to_its_own(
    world, django_capture_on_commit_callbacks
):
    mp, members = world["mp"], world["members"]
    thread = _thread(mp, members["member"], "Synthetic: a long conversation", body="Message 00")
    per_page = Thread.POSTS_PER_PAGE
    Post.objects.bulk_create(
        Post(thread=thread, author=members["quiet"], body=f"Message {n:02}")
        for n in range(1, per_page)
    )
    url = f"{LIST}{thread.pk}/"
    client = signed_in(world["people"]["member"])
    with CaptureQueriesContext(connection) as one_page:
        page = client.get(url).content.decode()
    assert page.count('<article id="post-') == per_page and "Page 1 of" not in page

    with django_capture_on_commit_callbacks(execute=True):
        replied = signed_in(world["people"]["moderator"]).post(url, {"reply-body": "The last one"})
    reply = Post.objects.get(body="The last one")
    assert replied["Location"] == f"{url}?page=2#post-{reply.pk}"
    first = client.get(url).content.decode()
    assert "Page 1 of 2" in first and "Message 00" in first and "The last one" not in first
    with CaptureQueriesContext(connection) as second_page:
        second = client.get(url, {"page": "2"}).content.decode()
    assert f'<article id="post-{reply.pk}">' in second and "Message 00" not in second
    assert len(second_page) == len(one_page)
    # Those taking part are sent to the reply's own page.
    assert {m.to[0] for m in mail.outbox} == {"member@example.org", "quiet@example.org"}
    for message in mail.outbox:
        assert f"{settings.SITE_URL}{url}?page=2#post-{reply.pk}" in message.body
    for bad in ("3", "0", "two"):
        assert client.get(url, {"page": bad}).status_code == 404, bad


def test_a_reply_tells_those_taking_part_at_once_with_an_absolute_link(
    world, django_user_model, django_capture_on_commit_callbacks
):
    mp, members = world["mp"], world["members"]
    thread = _thread(mp, members["member"], "Synthetic: a defender detained")
    Post.objects.create(thread=thread, author=members["quiet"], body="Synthetic earlier reply")
    # A member who neither started nor wrote in the conversation hears nothing of it.
    bystander = django_user_model.objects.create_user(
        username="bystander", email="bystander@example.org", password="x" * 20
    )
    join(mp, bystander, world["north"])
    replier = signed_in(world["people"]["moderator"])
    url = f"{LIST}{thread.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        replied = replier.post(url, {"reply-body": "Synthetic reply by the moderator"})
    reply = Post.objects.get(body="Synthetic reply by the moderator")
    assert replied.status_code == 302 and replied["Location"] == f"{url}#post-{reply.pk}"
    assert reply.thread == thread and reply.author == members["moderator"]
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "quiet@example.org"]
    message = mail.outbox[0]
    assert "Synthetic: a defender detained" in message.subject
    assert "Synthetic reply by the moderator" in message.body
    assert f"{settings.SITE_URL}/en/networks/mpforhrd/space/threads/{thread.pk}/" in message.body
    assert settings.SITE_URL.startswith("http")

    # A member who chose the digest or nothing is not written to at once; the author never.
    mail.outbox.clear()
    Member.objects.filter(pk=members["quiet"].pk).update(notify=Notify.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(world["people"]["member"]).post(url, {"reply-body": "Synthetic answer"})
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]


def test_a_reply_under_a_call_to_act_links_absolutely_too(
    world, django_capture_on_commit_callbacks
):
    mp, members = world["mp"], world["members"]
    action = Action.objects.create(
        network=mp, title="Synthetic call", situation="Synthetic", created_by=members["member"]
    )
    url = f"/en/networks/mpforhrd/space/actions/{action.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        replied = signed_in(world["people"]["quiet"]).post(url, {"reply-body": "Synthetic"})
    assert replied.status_code == 302
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert f"{settings.SITE_URL}{url}" in message.body


def test_the_daily_digest_counts_the_replies_in_conversations(world):
    mp, members = world["mp"], world["members"]
    Member.objects.filter(pk=members["quiet"].pk).update(notify=Notify.DAILY)
    thread = _thread(mp, members["member"], "Synthetic: land defenders")
    Post.objects.create(thread=thread, author=members["moderator"], body="Synthetic reply")
    Post.objects.create(thread=thread, author=members["quiet"], body="Synthetic own reply")
    action = Action.objects.create(network=mp, title="Synthetic call", situation="Synthetic")
    Post.objects.create(action=action, author=members["member"], body="Synthetic reply")
    # Another network's conversation is not in this network's digest.
    _thread(world["other"], members["elsewhere"], "Synthetic: elsewhere")

    assert daily_digests() == 1
    [digest] = mail.outbox
    assert digest.to == ["quiet@example.org"]
    # Two messages by others; the reader's own does not count.
    assert "2 new messages in “Synthetic: land defenders”" in digest.body
    assert f"{settings.SITE_URL}/en/networks/mpforhrd/space/threads/{thread.pk}/" in digest.body
    assert "1 new message in “Synthetic call”" in digest.body
    assert f"{settings.SITE_URL}/en/networks/mpforhrd/space/actions/{action.pk}/" in digest.body
    assert "elsewhere" not in digest.body


def test_the_conversations_are_a_404_to_everyone_outside(world, django_user_model):
    mp, other, members = world["mp"], world["other"], world["members"]
    thread = _thread(mp, members["member"], "Synthetic private conversation")
    foreign = _thread(other, members["elsewhere"], "Synthetic foreign conversation")
    bare = django_user_model.objects.create_user(username="bare", password="x" * 20)
    outsiders = {
        "anonymous": Client(),
        "contributor": signed_in(bare),
        "member of another network": signed_in(world["people"]["elsewhere"]),
        "applicant": signed_in(world["people"]["applicant"]),
    }
    thread_url = f"{LIST}{thread.pk}/"
    for who, client in outsiders.items():
        for url in (LIST, NEW, thread_url):
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert "Synthetic private conversation" not in response.content.decode()
        forged = client.post(thread_url, {"reply-body": "Synthetic forged reply"})
        assert forged.status_code == 404, who
        started = client.post(NEW, {"title": "Synthetic forged", "body": "Synthetic"})
        assert started.status_code == 404, who
    assert Post.objects.filter(body="Synthetic forged reply").count() == 0
    assert not Thread.objects.filter(title="Synthetic forged").exists()

    # A member reaches their own network's conversation, not another network's by its number.
    member = signed_in(world["people"]["member"])
    assert member.get(thread_url).status_code == 200
    foreign_url = f"{LIST}{foreign.pk}/"
    assert member.get(foreign_url).status_code == 404
    assert member.post(foreign_url, {"reply-body": "Synthetic"}).status_code == 404
    assert foreign.posts.count() == 1
    assert member.get(f"{LIST}999999/").status_code == 404
    # The member of the other network reaches theirs at its own address only.
    elsewhere = signed_in(world["people"]["elsewhere"])
    assert (
        elsewhere.get(f"/en/networks/other-network/space/threads/{foreign.pk}/").status_code == 200
    )
    assert (
        elsewhere.get(f"/en/networks/other-network/space/threads/{thread.pk}/").status_code == 404
    )


def test_leaving_gives_back_the_messages_then_erases_them(world):
    mp, members = world["mp"], world["members"]
    thread = _thread(
        mp, members["quiet"], "Synthetic: started by the leaver", body="Synthetic mine"
    )
    Post.objects.create(thread=thread, author=members["member"], body="Synthetic theirs")
    client = signed_in(world["people"]["quiet"])
    mine = json.loads(client.get("/en/networks/mpforhrd/space/mine.json").content)
    assert mine["posts"] == [
        {
            "written": mine["posts"][0]["written"],
            "text": "Synthetic mine",
            "conversation": "Synthetic: started by the leaver",
            "action": None,
        }
    ]
    assert client.post("/en/networks/mpforhrd/space/leave/").status_code == 302
    # Their message is erased; the conversation stays, unsigned, with the others' messages.
    thread.refresh_from_db()
    assert thread.started_by is None
    assert list(thread.posts.values_list("body", flat=True)) == ["Synthetic theirs"]
    page = signed_in(world["people"]["member"]).get(f"{LIST}{thread.pk}/").content.decode()
    assert "Synthetic mine" not in page and "Synthetic theirs" in page
