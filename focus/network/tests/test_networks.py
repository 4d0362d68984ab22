"""A network's public face: its About page and public statements, the members who chose
to be listed (with only what they chose), and counts by country on its page and on the
country page, never a name that was not chosen. The people are SYNTHETIC."""

import datetime as dt

import pytest
from django.test import Client

from focus.geo.tests.factories import CountryFactory
from focus.network.models import Member, Network, Statement
from focus.network.vocabulary import MembershipStatus, NetworkKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def mpforhrd():
    return Network.objects.create(
        slug="mpforhrd",
        name_en="MPforHRD",
        kind=NetworkKind.PARLIAMENTARY,
        moderated_by="Protection International",
        summary_en="Synthetic summary of a parliamentary network.",
        about_en="## What it is\n\nA synthetic *About* text.",
    )


def _member(network, django_user_model, name, country, shown=(), status=MembershipStatus.ACTIVE):
    user = django_user_model.objects.create_user(username=name.replace(" ", "").lower())
    return Member.objects.create(
        network=network,
        user=user,
        display_name=name,
        country=country,
        parliament=f"Parliament of {country.name}",
        party_group="Synthetic Group",
        status=status,
        shown=list(shown),
    )


def test_the_about_page_lists_only_who_chose_and_only_what_they_chose(mpforhrd, django_user_model):
    north = CountryFactory(name_en="Northland")
    _member(mpforhrd, django_user_model, "Listed Member", north, shown=["display_name", "country"])
    _member(mpforhrd, django_user_model, "Hidden Member", north)
    _member(mpforhrd, django_user_model, "Applicant Member", north, status=MembershipStatus.APPLIED)
    Statement.objects.create(
        network=mpforhrd,
        title_en="Published statement",
        date=dt.date(2024, 5, 1),
        body_en="Text",
        published=True,
    )
    Statement.objects.create(
        network=mpforhrd,
        title_en="Draft statement",
        date=dt.date(2024, 6, 1),
        body_en="Text",
        published=False,
    )
    page = Client().get("/en/networks/mpforhrd/").content.decode()
    assert "<h2>What it is</h2>" in page and "<em>About</em>" in page
    assert "Listed Member" in page and "Northland" in page
    assert "Synthetic Group" not in page  # a field the member did not choose
    assert "Hidden Member" not in page and "Applicant Member" not in page
    assert "Published statement" in page and "Draft statement" not in page
    # Two active members in Northland: counted, the applicant is not.
    assert '<a href="/en/countries/' in page and "<td>2</td>" in page


def test_the_country_page_counts_members_and_names_no_one(mpforhrd, django_user_model, client):
    from focus.policies.tests.factories import InstrumentFactory

    north = CountryFactory(name_en="Northland")
    InstrumentFactory(jurisdiction=north)
    _member(mpforhrd, django_user_model, "Hidden One", north)
    _member(mpforhrd, django_user_model, "Hidden Two", north)
    _member(mpforhrd, django_user_model, "Hidden Three", north, shown=["display_name"])
    page = client.get(north.get_absolute_url()).content.decode()
    assert "3 members of this country are in" in page
    assert "Hidden" not in page


def test_an_unpublished_or_unknown_network_is_not_found(mpforhrd, client):
    mpforhrd.published = False
    mpforhrd.save()
    assert client.get("/en/networks/mpforhrd/").status_code == 404
    assert client.get("/en/networks/nothing-here/").status_code == 404
    assert "MPforHRD" not in client.get("/en/networks/").content.decode()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_pages_answer_in_each_language(mpforhrd, client, language):
    assert client.get(f"/{language}/networks/").status_code == 200
    assert client.get(f"/{language}/networks/mpforhrd/").status_code == 200


def test_an_about_text_not_translated_yet_says_so_and_is_marked_english(mpforhrd, client):
    spanish = client.get("/es/networks/mpforhrd/").content.decode()
    about = spanish[spanish.index('id="about"') :]
    assert (
        '<p class="fallback">Aún no traducido a su idioma: este texto está en inglés.</p>'
        '<div lang="en"><h2>What it is</h2>'
    ) in about
    statement = Statement.objects.create(
        network=mpforhrd,
        title_en="Synthetic statement",
        body_en="A synthetic statement.",
        body_es="Una declaración sintética.",
        date=dt.date(2024, 5, 1),
        published=True,
    )
    spanish = client.get("/es/networks/mpforhrd/").content.decode()
    assert "<p>Una declaración sintética.</p>" in spanish  # translated: no mark
    english = client.get("/en/networks/mpforhrd/").content.decode()
    assert '<div lang="en">' not in english and "Not translated" not in english
    assert statement.body_en in english


def test_the_seeded_networks_have_their_about_pages_and_sources(client):
    from focus.core.seeding import load_file
    from focus.network import seeding

    path = seeding.SEED / "networks.csv"
    first = load_file(path, seeding._networks, Network, "slug")
    again = load_file(path, seeding._networks, Network, "slug")
    assert (first.created, again.created, again.updated) == (2, 0, 0)
    mpforhrd = Network.objects.get(slug="mpforhrd")
    assert mpforhrd.kind == NetworkKind.PARLIAMENTARY
    assert mpforhrd.moderated_by == "Protection International"
    assert mpforhrd.sources.filter(url__contains="mp4hrd.protectioninternational.org").exists()
    assert not Member.objects.exists()  # people are never seeded
    page = client.get("/en/networks/focal-points/").content.decode()
    assert "connectors, not gatekeepers" in page
    # Translated in the seed: each language reads its own text, with no "not translated".
    for language, words in (
        ("fr", "des passerelles, et non des gardiens"),
        ("es", "enlaces, no como guardianes"),
    ):
        page = client.get(f"/{language}/networks/focal-points/").content.decode()
        assert words in page, language
        assert '<div lang="en">' not in page, language
        assert "connectors, not gatekeepers" not in page, language


def test_every_page_leads_to_the_networks(mpforhrd, client):
    page = client.get("/es/").content.decode()
    assert '<a href="/es/networks/">Redes</a>' in page
