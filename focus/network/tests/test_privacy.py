"""What members write and who they are never reaches the public surface: pages, search,
the sitemap, the feeds, the API, the open-data exports and robots.txt's allowances. Every
person and text here is SYNTHETIC; each private text carries a marker that must not be
found anywhere a visitor or a machine can read."""

import json
import re

import pytest
from django.test import Client

from focus.api.exports import TABLES
from focus.api.machines import SITEMAPS
from focus.geo.tests.factories import CountryFactory
from focus.network.models import (
    Action,
    Delegation,
    FollowUp,
    Member,
    Network,
    Pledge,
    Post,
    Resource,
    Statement,
    Thread,
)
from focus.network.vocabulary import MembershipStatus, NetworkKind, Role
from focus.standards.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

# Words that occur only in private records (letters chosen to be found by any search).
PRIVATE = {
    "member": "Quillfeather",
    "applicant": "Marrowdale",
    "motivation": "zanthoxylum",
    "party": "Brightwater Alliance",
    "action": "plinthgrove",
    "thread": "cobaltmere",
    "post": "windlestraw",
    "pledge": "ravelmoss",
    "work plan": "hollowquartz",
    "evidence": "ambergrist",
    "resource": "tallowspire",
    "draft statement": "fernwhistle",
    "email": "quillfeather-mail@example.org",
}


@pytest.fixture
def network_with_secrets(django_user_model):
    country = CountryFactory(name_en="Northland")
    network = Network.objects.create(
        slug="mpforhrd", name_en="Synthetic MPforHRD", kind=NetworkKind.PARLIAMENTARY
    )
    user = django_user_model.objects.create_user(
        username="quill", email=PRIVATE["email"], password="x" * 20
    )
    member = Member.objects.create(
        network=network,
        user=user,
        display_name=f"Ana {PRIVATE['member']}",
        country=country,
        party_group=PRIVATE["party"],
        parliament="Synthetic Parliament",
        motivation=PRIVATE["motivation"],
        status=MembershipStatus.ACTIVE,
        role=Role.MODERATOR,
    )
    Member.objects.create(
        network=network,
        user=django_user_model.objects.create_user(username="marrow", password="x" * 20),
        display_name=f"Ben {PRIVATE['applicant']}",
        country=country,
        status=MembershipStatus.APPLIED,
    )
    # One member who chose to be shown, by name only: the control that pages do list them.
    Member.objects.create(
        network=network,
        user=django_user_model.objects.create_user(username="shown", password="x" * 20),
        display_name="Carla Openly-Shown",
        country=country,
        party_group="Hidden Party Even When Shown",
        status=MembershipStatus.ACTIVE,
        shown=["display_name"],
    )
    action = Action.objects.create(
        network=network,
        title=f"Synthetic call {PRIVATE['action']}",
        situation=PRIVATE["action"],
        asks=["letter"],
        country=country,
        created_by=member,
    )
    Pledge.objects.create(action=action, member=member, kind="letter", note=PRIVATE["pledge"])
    thread = Thread.objects.create(
        network=network, title=f"Synthetic {PRIVATE['thread']}", country=country, started_by=member
    )
    Post.objects.create(thread=thread, author=member, body=PRIVATE["post"])
    delegation = Delegation.objects.create(
        network=Network.objects.create(
            slug="focal", name_en="Synthetic focal points", kind=NetworkKind.FOCAL_POINTS
        ),
        country=country,
        institutions="Synthetic institution not agreed",
        work_plan=PRIVATE["work plan"],
    )
    FollowUp.objects.create(
        delegation=delegation,
        recommendation=RecommendationFactory(jurisdiction=country),
        status="partially",
        evidence=PRIVATE["evidence"],
    )
    Resource.objects.create(network=network, title=PRIVATE["resource"], body=PRIVATE["resource"])
    Statement.objects.create(
        network=network,
        title=f"Synthetic {PRIVATE['draft statement']}",
        date="2026-01-01",
        body=PRIVATE["draft statement"],
        published=False,
    )
    Statement.objects.create(
        network=network,
        title="Synthetic published statement",
        date="2026-02-01",
        body="Synthetic text of a public statement.",
        published=True,
    )
    return network, country


def _public_addresses(client: Client, country) -> list[str]:
    sections = [f"/sitemap-{name}.xml" for name in SITEMAPS]
    listed = []
    for section in sections:
        listed += re.findall(r"<loc>http://testserver([^<]+)</loc>", client.get(section).text)
    words = " ".join(sorted(PRIVATE.values()))
    return sorted(
        {
            *listed,
            *sections,
            "/sitemap.xml",
            "/robots.txt",
            "/api/v1/",
            "/en/feeds/developments.rss",
            "/en/feeds/documents.atom",
            f"/en/search/?q={words}",
            *(f"/en/search/?q={word}" for word in PRIVATE.values()),
            *(f"/api/v1/search?q={word}" for word in PRIVATE.values()),
            *(f"/en/data/{table}.{ext}" for table in TABLES for ext in ("csv", "json")),
            f"/en/countries/{country.code.lower()}/",
            "/en/networks/",
            "/en/networks/mpforhrd/",
            "/en/networks/focal/",
        }
    )


def _found(address: str, text: str) -> str:
    """What a response shows of the records; a search's own results only, since a search
    page says back what was asked."""
    if address.startswith("/api/v1/search"):
        return json.dumps(json.loads(text)["items"])
    if address.startswith("/en/search/"):
        results = re.search(r'<ol class="results">(.*?)</ol>', text, re.S)
        return results.group(1) if results else ""
    return text


def test_no_private_word_is_in_any_public_page_feed_api_export_or_sitemap(network_with_secrets):
    _network, country = network_with_secrets
    visitor = Client()
    addresses = _public_addresses(visitor, country)
    assert "/en/networks/mpforhrd/" in addresses
    assert any(a.startswith("/en/networks/mpforhrd") for a in addresses if "sitemap" not in a)
    read = 0
    for number, address in enumerate(addresses):
        # A client address of its own for each request: the exports are rate-limited.
        response = visitor.get(address, REMOTE_ADDR=f"10.9.{number // 200}.{number % 200}")
        if response.status_code != 200:
            continue
        read += 1
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = _found(address, body.decode("utf-8", errors="replace")).lower()
        for what, word in PRIVATE.items():
            assert word.lower() not in text, f"{what} found at {address}"
        assert "hidden party even when shown" not in text, address
    assert read > 30
    # The control: what was chosen to be public is there.
    about = visitor.get("/en/networks/mpforhrd/").content.decode()
    assert "Carla Openly-Shown" in about and "Synthetic published statement" in about


def test_robots_txt_keeps_crawlers_out_of_the_members_and_subscribers_pages():
    text = Client().get("/robots.txt").content.decode()
    for prefix in (
        "/*/networks/*/space/",
        "/*/networks/*/members/",
        "/*/networks/*/apply/",
        "/*/alerts/confirm/",
        "/*/alerts/manage/",
        "/*/alerts/unsubscribe/",
    ):
        assert f"Disallow: {prefix}" in text
