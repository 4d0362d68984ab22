"""Joining, vetting and leaving a network, and who reaches its members' pages: a member
of the network, and no one else (404, never 403). The people are SYNTHETIC."""

import json

import pytest
from django.core import mail
from django.test import Client

from focus.accounts.tests.factories import add_totp
from focus.geo.tests.factories import CountryFactory
from focus.network.models import Action, Member, MemberListReading, Network, Pledge, Post, Thread
from focus.network.tests.factories import join, make_network, signed_in
from focus.network.vocabulary import MembershipStatus, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model):
    mp = make_network("mpforhrd")
    other = make_network("other-network")
    country = CountryFactory(name_en="Northland")
    people = {
        name: django_user_model.objects.create_user(
            username=name, email=f"{name}@example.org", password="x" * 20
        )
        for name in ("moderator", "member", "applicant", "outsider", "elsewhere", "bare")
    }
    add_totp(people["moderator"])
    join(mp, people["moderator"], country, role=Role.MODERATOR)
    join(mp, people["member"], country)
    join(mp, people["applicant"], country, status=MembershipStatus.APPLIED)
    join(other, people["elsewhere"], country)
    return mp, country, people


def test_a_parliamentarian_applies_and_a_moderator_accepts(
    world, django_capture_on_commit_callbacks
):
    _mp, country, people = world
    newcomer = signed_in(people["outsider"])
    form = newcomer.get("/en/networks/mpforhrd/apply/")
    assert form.status_code == 200 and "Send my application" in form.content.decode()
    empty = newcomer.post("/en/networks/mpforhrd/apply/", {})
    assert empty.status_code == 400 and not Member.objects.filter(user=people["outsider"]).exists()
    sent = newcomer.post(
        "/en/networks/mpforhrd/apply/",
        {
            "display_name": "Synthetic Deputy",
            "country": country.pk,
            "parliament": "Synthetic National Assembly",
            "party_group": "Synthetic Group",
            "committees": "Human rights",
            "motivation": "Synthetic: I sit on the human rights committee.",
        },
    )
    assert sent.status_code == 302
    application = Member.objects.get(user=people["outsider"])
    assert application.status == MembershipStatus.APPLIED and application.shown == []
    # An applicant is not a member yet.
    assert newcomer.get("/en/networks/mpforhrd/space/").status_code == 404

    moderator = signed_in(people["moderator"])
    space = moderator.get("/en/networks/mpforhrd/space/").content.decode()
    assert "Synthetic Deputy" in space and "I sit on the human rights committee" in space
    # An ordinary member does not see applications, nor can decide them.
    member = signed_in(people["member"])
    assert "Synthetic Deputy" not in member.get("/en/networks/mpforhrd/space/").content.decode()
    url = f"/en/networks/mpforhrd/space/applications/{application.pk}/"
    assert member.post(url, {"decision": "accept"}).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        assert moderator.post(url, {"decision": "accept"}).status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE
    assert [m.to for m in mail.outbox] == [["outsider@example.org"]]
    assert newcomer.get("/en/networks/mpforhrd/space/").status_code == 200
    # Deciding twice changes nothing.
    again = moderator.post(url, {"decision": "refuse"})
    assert again.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE


def test_the_members_pages_are_a_404_to_everyone_outside(world, alice, bob):
    _mp, _country, people = world
    # alice and bob (focus/conftest.py) are an editor and an administrator with an
    # authenticator.
    editor, administrator = signed_in(alice), signed_in(bob)
    applicant = Member.objects.get(user=people["applicant"])
    addresses = [
        "/en/networks/mpforhrd/space/",
        "/en/networks/mpforhrd/members/",
        "/en/networks/mpforhrd/space/settings/",
        "/en/networks/mpforhrd/space/mine.json",
        "/en/networks/mpforhrd/space/leave/",
    ]
    outsiders = {
        "anonymous": Client(),
        "contributor": signed_in(people["bare"]),
        "member of another network": signed_in(people["elsewhere"]),
        "applicant": signed_in(people["applicant"]),
        "editor": editor,
        "administrator": administrator,
    }
    for who, client in outsiders.items():
        for url in addresses:
            response = client.get(url)
            assert response.status_code == 404, (who, url, response.status_code)
            assert "Synthetic member" not in response.content.decode()
        decided = client.post(
            f"/en/networks/mpforhrd/space/applications/{applicant.pk}/", {"decision": "accept"}
        )
        assert decided.status_code == 404, who
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLIED
    member = signed_in(people["member"])
    for url in addresses:
        assert member.get(url).status_code == 200, url


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up(world, django_user_model):
    mp, country, _people = world
    user = django_user_model.objects.create_user(username="newmod", password="x" * 20)
    join(mp, user, country, role=Role.MODERATOR)
    response = signed_in(user).get("/en/networks/mpforhrd/space/")
    assert response.status_code == 302 and "totp" in response["Location"]


def test_the_member_list_is_logged_and_the_log_shown_to_moderators(world):
    _mp, _country, people = world
    member = signed_in(people["member"])
    page = member.get("/en/networks/mpforhrd/members/").content.decode()
    assert "Synthetic moderator" in page and "Synthetic applicant" not in page
    assert "Who opened this list" not in page
    assert MemberListReading.objects.filter(user=people["member"]).count() == 1
    log = signed_in(people["moderator"]).get("/en/networks/mpforhrd/members/").content.decode()
    assert "Who opened this list" in log and ">member ·" in log


def test_the_directory_shows_a_member_only_once_they_opt_in(world):
    _mp, _country, people = world
    visitor = Client()
    assert "Synthetic member" not in visitor.get("/en/networks/mpforhrd/").content.decode()
    member = signed_in(people["member"])
    saved = member.post(
        "/en/networks/mpforhrd/space/settings/", {"shown": ["display_name"], "notify": "daily"}
    )
    assert saved.status_code == 302
    page = visitor.get("/en/networks/mpforhrd/").content.decode()
    assert "Synthetic member" in page and "Northland" in page  # the count's country
    bad = member.post("/en/networks/mpforhrd/space/settings/", {"shown": ["motivation"]})
    assert bad.status_code == 400  # not a field a member can show
    assert Member.objects.get(user=people["member"]).shown == ["display_name"]


def test_leaving_gives_back_what_one_wrote_then_erases_it(world):
    mp, _country, people = world
    leaver = Member.objects.get(user=people["member"])
    action = Action.objects.create(network=mp, title="Synthetic action", situation="Text")
    Post.objects.create(action=action, author=leaver, body="Synthetic reply")
    Pledge.objects.create(action=action, member=leaver, kind="letter", note="Synthetic note")
    client = signed_in(people["member"])
    mine = json.loads(client.get("/en/networks/mpforhrd/space/mine.json").content)
    assert mine["posts"][0]["text"] == "Synthetic reply"
    assert mine["pledges"][0]["note"] == "Synthetic note"
    assert client.post("/en/networks/mpforhrd/space/leave/").status_code == 302
    assert not Member.objects.filter(pk=leaver.pk).exists()
    assert not Post.objects.exists() and not Pledge.objects.exists()
    assert Action.objects.filter(pk=action.pk).exists()
    assert client.get("/en/networks/mpforhrd/space/").status_code == 404


def test_leaving_erases_the_calls_and_conversations_nobody_else_took_part_in(world):
    mp, _country, people = world
    leaver = Member.objects.get(user=people["member"])
    other = Member.objects.get(user=people["moderator"])
    alone = Action.objects.create(
        network=mp, title="Synthetic alone", situation="S", created_by=leaver
    )
    Post.objects.create(action=alone, author=leaver, body="Synthetic own reply")
    shared = Action.objects.create(
        network=mp, title="Synthetic shared", situation="S", created_by=leaver
    )
    Pledge.objects.create(action=shared, member=other, kind="letter")
    quiet = Thread.objects.create(network=mp, title="Synthetic quiet", started_by=leaver)
    Post.objects.create(thread=quiet, author=leaver, body="Synthetic first message")
    busy = Thread.objects.create(network=mp, title="Synthetic busy", started_by=leaver)
    Post.objects.create(thread=busy, author=other, body="Synthetic answer")
    client = signed_in(people["member"])
    mine = json.loads(client.get("/en/networks/mpforhrd/space/mine.json").content)
    assert [a["title"] for a in mine["calls_to_act"]] == ["Synthetic alone", "Synthetic shared"]
    assert [t["title"] for t in mine["conversations_started"]] == [
        "Synthetic quiet",
        "Synthetic busy",
    ]
    assert client.post("/en/networks/mpforhrd/space/leave/").status_code == 302
    assert set(Action.objects.values_list("title", flat=True)) == {"Synthetic shared"}
    assert set(Thread.objects.values_list("title", flat=True)) == {"Synthetic busy"}
    assert Action.objects.get().created_by is None and Thread.objects.get().started_by is None
    assert Pledge.objects.filter(member=other).count() == 1


def test_the_last_moderator_cannot_leave(world):
    _mp, _country, people = world
    client = signed_in(people["moderator"])
    assert client.post("/en/networks/mpforhrd/space/leave/").status_code == 302
    assert Member.objects.filter(user=people["moderator"]).exists()


def test_a_member_calls_to_act_another_pledges_and_the_action_shows_it(
    world, django_capture_on_commit_callbacks
):
    _mp, country, people = world
    caller = signed_in(people["member"])
    Member.objects.filter(user=people["moderator"]).update(notify="daily")
    with django_capture_on_commit_callbacks(execute=True):
        created = caller.post(
            "/en/networks/mpforhrd/space/actions/new/",
            {
                "title": "Synthetic call: a defender detained",
                "situation": "Synthetic situation <script>alert(1)</script>",
                "asks": ["question", "letter"],
                "country": country.pk,
            },
        )
    assert created.status_code == 302
    action = Action.objects.get()
    assert action.created_by.user == people["member"]
    # Nobody asked for immediate mail but the caller, who is not told of their own call.
    assert mail.outbox == []
    pledger = signed_in(people["moderator"])
    url = f"/en/networks/mpforhrd/space/actions/{action.pk}/"
    page = pledger.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert pledger.post(url, {"pledge-kind": "visit"}).status_code == 400  # not asked for
    pledged = pledger.post(url, {"pledge-kind": "letter", "pledge-note": "Synthetic"})
    assert pledged.status_code == 302
    assert pledger.post(url, {"pledge-kind": "letter"}).status_code == 302  # twice: refused
    assert Pledge.objects.count() == 1
    shown = caller.get(url).content.decode()
    assert "Synthetic moderator</strong>: a letter" in shown
    with django_capture_on_commit_callbacks(execute=True):
        assert caller.post(url, {"reply-body": "Synthetic thanks"}).status_code == 302
    # The moderator chose the daily digest: no mail at once, one in the digest.
    assert mail.outbox == []
    from focus.network.notifications import daily_digests

    assert daily_digests() == 1
    assert "Synthetic call: a defender detained" in mail.outbox[0].body
    assert caller.post(url, {"reply-body": "x" * 20_001}).status_code == 400
    # Outsiders cannot pledge or read.
    assert signed_in(people["elsewhere"]).post(url, {"pledge-kind": "letter"}).status_code == 404
    assert Client().get(url).status_code == 404


def test_the_space_lists_open_and_closed_calls_and_the_pledges_to_report_on(world):
    mp, country, people = world
    member = Member.objects.get(user=people["member"])
    open_call = Action.objects.create(
        network=mp, title="Synthetic open call", situation="S", asks=["letter"], country=country
    )
    closed_call = Action.objects.create(
        network=mp,
        title="Synthetic closed call",
        situation="S",
        asks=["letter"],
        closed=True,
        outcome="Synthetic outcome: the defender was released.",
    )
    Pledge.objects.create(action=open_call, member=member, kind="letter")
    Pledge.objects.create(action=closed_call, member=member, kind="letter")
    page = signed_in(people["member"]).get("/en/networks/mpforhrd/space/").content.decode()
    pending = page.split("Your pledges to report back on")[1].split("</ul>")[0]
    assert "Synthetic open call" in pending and "Synthetic closed call" not in pending
    assert "Synthetic outcome: the defender was released." in page


def test_a_moderator_cannot_decide_an_application_to_another_network(world, django_user_model):
    _mp, country, people = world
    other = Network.objects.get(slug="other-network")
    stranger = django_user_model.objects.create_user(username="stranger", password=None)
    application = join(other, stranger, country, status=MembershipStatus.APPLIED)
    moderator = signed_in(people["moderator"])
    for forged in (application.pk, 999_999):
        answer = moderator.post(
            f"/en/networks/mpforhrd/space/applications/{forged}/", {"decision": "accept"}
        )
        assert answer.status_code == 404
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPLIED
