"""The role-by-URL matrix of the networks' private pages: for each role (anonymous,
contributor, member of another network, applicant, member, delegate, moderator, editor,
administrator) and each members' page, who gets it and who gets a 404, with nothing of
the network in the 404 and nothing changed by a forged POST.

The list of pages is read from the URL configuration: a new private page fails
`test_every_private_page_is_in_the_matrix` until it is classified here. People and
texts are SYNTHETIC.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from focus.accounts.tests.factories import add_totp
from focus.core.roles import ADMINISTRATORS, EDITORS
from focus.geo.tests.factories import CountryFactory
from focus.network import urls as network_urls
from focus.network.models import (
    Action,
    Delegation,
    FollowUp,
    Member,
    Network,
    Pledge,
    Post,
    Thread,
)
from focus.network.vocabulary import MembershipStatus, NetworkKind, Role
from focus.standards.models import DEFENDERS_THEME
from focus.standards.tests.factories import RecommendationFactory, RecommendationThemeFactory

pytestmark = pytest.mark.django_db

SECRETS = ("Synthetic Orla", "Synthetic Piet", "glimmerfold", "saltmarsh", "quernstone")

# Who may open each private page (GET), by route name. "members" = any active member.
GET_ACCESS = {
    "space": "members",
    "members": "members",
    "settings": "members",
    "mine": "members",
    "leave": "members",
    "new-action": "members",
    "action": "members",
    "bills": "members",
    "resources": "members",
    "threads": "members",
    "new-thread": "members",
    "thread": "members",
    "delegations": "members",
    "delegation": "delegation",  # its delegates and the network's moderators
}
# Pages that only read: a POST is a 405, which says nothing of any network.
READ_ONLY = {"space", "members", "mine", "bills", "resources", "threads", "delegations"}
# Pages that only take a POST: their rightful users are tested with the features.
POST_ONLY = {"decide", "report-back", "close", "follow-up"}
ROLES = (
    "anonymous",
    "contributor",
    "elsewhere",
    "applicant",
    "member",
    "delegate",
    "moderator",
    "editor",
    "administrator",
)


def _private_routes() -> set[str]:
    return {
        p.name
        for p in network_urls.urlpatterns
        if "/space/" in str(p.pattern) or str(p.pattern).endswith("/members/")
    }


@pytest.fixture
def world(django_user_model):
    network = Network.objects.create(
        slug="focal", name_en="Synthetic focal points", kind=NetworkKind.FOCAL_POINTS
    )
    elsewhere = Network.objects.create(slug="elsewhere", name_en="Elsewhere", kind="other")
    country = CountryFactory(name_en="Northland")
    delegation = Delegation.objects.create(network=network, country=country, work_plan=SECRETS[2])
    users = {}
    for role in ROLES[1:]:
        user = django_user_model.objects.create_user(
            username=role, email=f"{role}@example.org", password=None
        )  # no password to hash: the clients are logged in directly
        users[role] = user
    for role, group in (("editor", EDITORS), ("administrator", ADMINISTRATORS)):
        users[role].is_staff = True
        users[role].save()
        users[role].groups.add(Group.objects.get(name=group))
    for user in users.values():
        add_totp(user)  # a second factor for all: the matrix tests membership, not 2FA
    people = {
        "member": ("Synthetic Orla", Role.MEMBER, MembershipStatus.ACTIVE, network, None),
        "delegate": ("Synthetic Piet", Role.MEMBER, MembershipStatus.ACTIVE, network, delegation),
        "moderator": ("Synthetic Mod", Role.MODERATOR, MembershipStatus.ACTIVE, network, None),
        "applicant": ("Synthetic App", Role.MEMBER, MembershipStatus.APPLIED, network, None),
        "elsewhere": ("Synthetic Else", Role.MODERATOR, MembershipStatus.ACTIVE, elsewhere, None),
    }
    members = {}
    for role, (name, rank, status, where, their_delegation) in people.items():
        members[role] = Member.objects.create(
            network=where,
            user=users[role],
            display_name=name,
            country=country,
            role=rank,
            status=status,
            delegation=their_delegation,
            motivation=SECRETS[3],
        )
    action = Action.objects.create(
        network=network,
        title=SECRETS[4],
        situation=SECRETS[4],
        asks=["letter"],
        created_by=members["member"],
    )
    pledge = Pledge.objects.create(action=action, member=members["member"], kind="letter")
    thread = Thread.objects.create(network=network, title=SECRETS[4], started_by=members["member"])
    Post.objects.create(thread=thread, author=members["member"], body=SECRETS[4])
    recommendation = RecommendationFactory(
        jurisdiction=country, themes=[RecommendationThemeFactory(name=DEFENDERS_THEME)]
    )
    args = {
        "space": [],
        "members": [],
        "settings": [],
        "mine": [],
        "leave": [],
        "new-action": [],
        "action": [action.pk],
        "bills": [],
        "resources": [],
        "threads": [],
        "new-thread": [],
        "thread": [thread.pk],
        "delegations": [],
        "delegation": [country.code.lower()],
        "decide": [members["applicant"].pk],
        "report-back": [action.pk, pledge.pk],
        "close": [action.pk],
        "follow-up": [country.code.lower(), recommendation.pk],
    }
    urls = {
        name: reverse(f"network:{name}", args=["focal", *extra]) for name, extra in args.items()
    }
    return urls, users


def _client(users, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def _allowed(access: str, role: str) -> bool:
    if access == "members":
        return role in ("member", "delegate", "moderator")
    return role in ("delegate", "moderator")


def _state():
    return (
        Member.objects.filter(status=MembershipStatus.ACTIVE).count(),
        Member.objects.filter(status=MembershipStatus.APPLIED).count(),
        Action.objects.filter(closed=False).count(),
        Pledge.objects.filter(report_back="").count(),
        Post.objects.count(),
        Thread.objects.count(),
        FollowUp.objects.count(),
        Delegation.objects.filter(work_plan=SECRETS[2]).count(),
    )


def test_every_private_page_is_in_the_matrix():
    assert _private_routes() == set(GET_ACCESS) | POST_ONLY


@pytest.mark.parametrize("role", ROLES)
def test_the_matrix_has_no_leak(world, role):
    urls, users = world
    client = _client(users, role)
    before = _state()
    leaks = []
    for name, url in urls.items():
        allowed = name in GET_ACCESS and _allowed(GET_ACCESS[name], role)
        if name in GET_ACCESS:
            answer = client.get(url)
            if allowed:
                if answer.status_code != 200:
                    leaks.append((name, "GET refused", answer.status_code))
                continue
            if answer.status_code != 404:
                leaks.append((name, "GET", answer.status_code))
            body = answer.content.decode()
            leaks += [(name, "GET shows", s) for s in SECRETS if s in body]
        if allowed or (name in POST_ONLY and role in ("member", "delegate", "moderator")):
            continue  # the rightful users' POSTs are tested with each feature
        # A forged POST, with what a real form would send.
        forged = {
            "decision": "accept",
            "outcome": "forged",
            "report_back": "forged",
            "pledge-kind": "letter",
            "reply-body": "forged",
            "body": "forged",
            "title": "forged",
            "d-work_plan": "forged",
        }
        answer = client.post(url, forged)
        # 405 for a page that only reads: said of any address, whatever the network.
        if answer.status_code not in (404, 405) or (
            answer.status_code == 405 and name not in READ_ONLY
        ):
            leaks.append((name, "POST", answer.status_code))
    assert leaks == []
    assert _state() == before


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("contributor", 302),
        ("member", 302),
        ("moderator", 302),
        ("editor", 403),
        ("administrator", 200),
    ],
)
def test_members_and_delegations_in_the_back_office_are_for_administrators(world, role, expected):
    _urls, users = world
    client = _client(users, role)
    member = Member.objects.get(display_name="Synthetic Orla")
    for url in (
        "/admin/network/member/",
        f"/admin/network/member/{member.pk}/change/",
        "/admin/network/delegation/",
    ):
        answer = client.get(url)
        assert answer.status_code == expected, url
        if expected != 200:
            assert SECRETS[3] not in answer.content.decode()
    if role == "editor":  # editors curate the public side
        assert client.get("/admin/network/network/").status_code == 200
        assert client.get("/admin/network/resource/").status_code == 200
