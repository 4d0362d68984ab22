"""Focal-point delegations: a country delegation's page, its work plan and its follow-up
of the recommendations on defenders, shared with the delegation's members and the
network's moderators only. People and recommendations are SYNTHETIC."""

import pytest
from django.test import Client

from focus.accounts.tests.factories import add_totp
from focus.geo.tests.factories import CountryFactory
from focus.network.models import Delegation, FollowUp, Member, Network
from focus.network.vocabulary import MembershipStatus, NetworkKind, Role, StakeholderGroup
from focus.standards.models import DEFENDERS_THEME
from focus.standards.tests.factories import RecommendationFactory, RecommendationThemeFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def focal(django_user_model):
    network = Network.objects.create(
        slug="focal-points", name_en="Focal points", kind=NetworkKind.FOCAL_POINTS
    )
    other_network = Network.objects.create(slug="mp", name_en="MP", kind=NetworkKind.PARLIAMENTARY)
    north, south = CountryFactory(name_en="Northland"), CountryFactory(name_en="Southland")
    mine = Delegation.objects.create(network=network, country=north, institutions="Synthetic NHRI")
    theirs = Delegation.objects.create(network=network, country=south)
    defenders = RecommendationThemeFactory(name=DEFENDERS_THEME)
    on_defenders = RecommendationFactory(
        jurisdiction=north, themes=[defenders], text="Synthetic: adopt a protection law."
    )
    RecommendationFactory(jurisdiction=north, text="Synthetic: on another subject.")
    RecommendationFactory(jurisdiction=south, themes=[defenders], text="Synthetic: to Southland.")
    people = {}
    for name, delegation, role, where in (
        ("moderator", None, Role.MODERATOR, network),
        ("delegate", mine, Role.MEMBER, network),
        ("southern", theirs, Role.MEMBER, network),
        ("parliamentarian", None, Role.MEMBER, other_network),
    ):
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@example.org", password="x" * 20
        )
        people[name] = user
        Member.objects.create(
            network=where,
            user=user,
            display_name=f"Synthetic {name}",
            country=north,
            role=role,
            status=MembershipStatus.ACTIVE,
            delegation=delegation,
            stakeholder_group=StakeholderGroup.NHRI if delegation else "",
        )
    add_totp(people["moderator"])
    return network, mine, on_defenders, people


PAGE = "/en/networks/focal-points/space/delegations/{code}/"


def test_a_delegate_sees_the_recommendations_and_records_their_follow_up(focal):
    _network, mine, recommendation, people = focal
    delegate = _client(people["delegate"])
    url = PAGE.format(code=mine.country.code.lower())
    page = delegate.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Synthetic: adopt a protection law." in text
    assert "Synthetic: on another subject." not in text  # not about defenders
    assert "Synthetic: to Southland." not in text
    assert "Synthetic delegate" in text and "Synthetic NHRI" in text
    assert "Not followed up yet." in text

    follow = f"{url}recommendations/{recommendation.pk}/"
    prefix = f"r{recommendation.pk}"
    saved = delegate.post(
        follow,
        {f"{prefix}-status": "partially", f"{prefix}-evidence": "Synthetic decree <b>signed</b>"},
    )
    assert saved.status_code == 302 and saved["Location"].endswith(f"#r{recommendation.pk}")
    row = FollowUp.objects.get()
    assert (row.status, row.updated_by.user) == ("partially", people["delegate"])
    shown = delegate.get(url).content.decode()
    assert "Partially implemented" in shown
    assert "&lt;b&gt;signed&lt;/b&gt;" in shown  # the evidence is text, not HTML

    # A second save changes the same row; bad values are a 400 that keeps what was typed.
    delegate.post(follow, {f"{prefix}-status": "implemented", f"{prefix}-evidence": "Synthetic"})
    assert FollowUp.objects.get().status == "implemented"
    bad = delegate.post(
        follow, {f"{prefix}-status": "done", f"{prefix}-evidence": "Synthetic kept text"}
    )
    assert bad.status_code == 400
    assert "Synthetic kept text" in bad.content.decode()
    assert (
        delegate.post(
            follow, {f"{prefix}-status": "partially", f"{prefix}-evidence": "x" * 10_001}
        ).status_code
        == 400
    )
    assert FollowUp.objects.get().status == "implemented"


def test_the_work_plan_and_the_institutions_shown_once_the_delegation_agrees(focal):
    _network, mine, _recommendation, people = focal
    delegate = _client(people["delegate"])
    url = PAGE.format(code=mine.country.code.lower())
    public = Client().get("/en/networks/focal-points/").content.decode()
    assert "Synthetic NHRI" not in public
    saved = delegate.post(
        url,
        {
            "d-institutions": "Synthetic NHRI\nSynthetic Ministry",
            "d-institutions_public": "on",
            "d-work_plan": "1. Synthetic step <script>alert(1)</script>",
        },
    )
    assert saved.status_code == 302
    page = delegate.get(url).content.decode()
    assert "Synthetic step" in page and "<script>alert(1)</script>" not in page
    public = Client().get("/en/networks/focal-points/").content.decode()
    assert "Synthetic Ministry" in public
    assert "Synthetic step" not in public  # the work plan stays inside
    assert "Synthetic delegate" not in public  # and so do the people
    too_long = delegate.post(url, {"d-institutions": "x", "d-work_plan": "x" * 20_001})
    assert too_long.status_code == 400
    mine.refresh_from_db()
    assert mine.work_plan.startswith("1. Synthetic step")


def test_a_delegation_page_is_a_404_to_everyone_but_its_members_and_the_moderators(focal):
    _network, mine, recommendation, people = focal
    url = PAGE.format(code=mine.country.code.lower())
    follow = f"{url}recommendations/{recommendation.pk}/"
    prefix = f"r{recommendation.pk}"
    forged = {f"{prefix}-status": "implemented", f"{prefix}-evidence": "Forged"}
    assert _client(people["moderator"]).get(url).status_code == 200
    for outsider in (Client(), _client(people["southern"]), _client(people["parliamentarian"])):
        assert outsider.get(url).status_code == 404
        assert outsider.post(follow, forged).status_code == 404
        assert outsider.post(url, {"d-work_plan": "Forged"}).status_code == 404
    assert not FollowUp.objects.exists()
    mine.refresh_from_db()
    assert mine.work_plan == ""
    # The delegation list: a member sees their own, the moderator sees all.
    index = "/en/networks/focal-points/space/delegations/"
    assert "Southland" not in _client(people["delegate"]).get(index).content.decode()
    assert "Southland" in _client(people["moderator"]).get(index).content.decode()


def test_a_forged_recommendation_of_another_country_is_a_404(focal):
    _network, mine, _recommendation, people = focal
    southern = RecommendationFactory(jurisdiction=CountryFactory(), text="Synthetic elsewhere")
    url = PAGE.format(code=mine.country.code.lower()) + f"recommendations/{southern.pk}/"
    prefix = f"r{southern.pk}"
    answer = _client(people["delegate"]).post(url, {f"{prefix}-status": "implemented"})
    assert answer.status_code == 404
    assert _client(people["delegate"]).get(PAGE.format(code="zzz")).status_code == 404
    assert not FollowUp.objects.exists()


def test_a_delegate_calls_members_to_act_on_a_recommendation(focal):
    _network, mine, recommendation, people = focal
    delegate = _client(people["delegate"])
    page = delegate.get(PAGE.format(code=mine.country.code.lower())).content.decode()
    link = f"/en/networks/focal-points/space/actions/new/?recommendation={recommendation.pk}"
    assert link in page
    form = delegate.get(link).content.decode()
    assert "Synthetic: adopt a protection law." in form
    assert f'name="recommendation" value="{recommendation.pk}"' in form
    assert f'<option value="{mine.country.pk}" selected>' in form
    # A forged or unknown link is ignored, not an error.
    for forged in ("999999", "1;drop", "x" * 30):
        answer = delegate.get(
            f"/en/networks/focal-points/space/actions/new/?recommendation={forged}"
        )
        assert answer.status_code == 200
        assert 'name="recommendation" value=""' in answer.content.decode() or (
            'name="recommendation" value' not in answer.content.decode()
        )
    sent = delegate.post(
        "/en/networks/focal-points/space/actions/new/",
        {
            "title": "Synthetic call on a recommendation",
            "situation": "Synthetic",
            "asks": ["letter"],
            "country": mine.country.pk,
            "recommendation": recommendation.pk,
        },
    )
    assert sent.status_code == 302
    action = delegate.get(sent["Location"]).content.decode()
    assert "UPR recommendation" in action and "Synthetic: adopt a protection law." in action
    unknown = delegate.post(
        "/en/networks/focal-points/space/actions/new/",
        {"title": "Synthetic", "situation": "S", "asks": ["letter"], "recommendation": 999999},
    )
    assert unknown.status_code == 400
