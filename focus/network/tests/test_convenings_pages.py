"""The convenings' public pages: the list (upcoming first, then past), its filters by year,
region, topic and kind with a 400 for a filter it cannot read, a convening's page with its
facts and a schema.org Event, in English, Spanish and French; the sitemap lists them.
The convenings are SYNTHETIC (factories); the real ones are tested in test_convenings_seed."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.library.models import Document
from focus.network.convenings import for_listing, is_upcoming, public_convenings
from focus.network.models import Convening
from focus.network.vocabulary import Attendance, ConveningKind
from focus.policies.tests.factories import SourceFactory

from .factories import ConveningFactory, TopicFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world():
    """Two regions, a convening upcoming in each of two countries, two past ones (one
    online), and one whose date is not known."""
    americas = RegionFactory(code="americas", name_en="Americas")
    africa = RegionFactory(code="africa", name_en="Africa", name_es="África", name_fr="Afrique")
    south = CountryFactory(name_en="Southland", name_es="Tierra del Sur", region=americas)
    east = CountryFactory(name_en="Eastland", region=africa)
    women = TopicFactory(slug="women_hrds", name_en="women defenders", name_es="mujeres defensoras")
    nhris = TopicFactory(slug="nhris", name_en="national human rights institutions")
    soon = ConveningFactory(
        slug="soon", title_en="Synthetic forum soon", kind=ConveningKind.FORUM, country=south,
        start_date=TODAY + dt.timedelta(days=10),
    )  # fmt: skip
    soon.topics.add(women)
    later = ConveningFactory(
        slug="later", title_en="Synthetic conference later", country=east,
        start_date=TODAY + dt.timedelta(days=100),
    )  # fmt: skip
    past = ConveningFactory(
        slug="past", title_en="Synthetic seminar of 2013", kind=ConveningKind.SEMINAR,
        country=east, start_date=dt.date(2013, 10, 9), end_date=dt.date(2013, 10, 11),
        organisers="First Synthetic NGO\nSecond Synthetic NGO",
    )  # fmt: skip
    past.topics.add(nhris, women)
    online = ConveningFactory(
        slug="online-2020", title_en="Synthetic webinar of 2020", kind=ConveningKind.WEBINAR,
        country=None, city="", attendance=Attendance.ONLINE,
        start_date=dt.date(2020, 5, 1), start_date_precision=DatePrecision.MONTH,
        end_date=None, end_date_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    undated = ConveningFactory(
        slug="undated", title_en="Synthetic undated exchange", start_date=None,
        start_date_precision=DatePrecision.UNKNOWN, end_date=None,
        end_date_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    ConveningFactory(slug="hidden", title_en="Unpublished synthetic convening", published=False)
    return {
        "soon": soon, "later": later, "past": past, "online": online, "undated": undated,
        "south": south, "east": east, "women": women, "americas": americas, "africa": africa,
    }  # fmt: skip


def _titles(response) -> list[str]:
    return re.findall(r"<strong>(Synthetic[^<]*|Unpublished[^<]*)</strong>", response.text)


def test_upcoming_convenings_come_first_the_soonest_first_then_past_ones_the_latest_first(
    visitor, world
):
    response = visitor.get("/en/convenings/")
    assert response.status_code == 200
    assert _titles(response) == [
        "Synthetic forum soon",
        "Synthetic conference later",
        "Synthetic webinar of 2020",
        "Synthetic seminar of 2013",
        "Synthetic undated exchange",
    ]
    text = response.text
    assert text.index('id="upcoming"') < text.index("Synthetic forum soon")
    assert text.index('id="past"') < text.index("Synthetic webinar of 2020")
    assert "Oct. 9, 2013 \u2013 Oct. 11, 2013" in text
    assert "May 2020 · online" in text
    assert "date not known" in text
    assert "Organised by First Synthetic NGO, Second Synthetic NGO" in text
    assert "Unpublished" not in text


def test_a_convening_open_for_registration_without_a_date_yet_is_upcoming(visitor, world):
    world["undated"].registration_open = True
    world["undated"].save()
    assert _titles(visitor.get("/en/convenings/"))[2] == "Synthetic undated exchange"


def test_the_list_and_one_convening_agree_on_what_is_upcoming(world):
    # A date known to the month or the year is not over until its month or year is.
    this_month = ConveningFactory(
        start_date=TODAY.replace(day=1), start_date_precision=DatePrecision.MONTH,
        end_date=None, end_date_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    last_year = ConveningFactory(
        start_date=dt.date(TODAY.year - 1, 1, 1), start_date_precision=DatePrecision.YEAR,
        end_date=None, end_date_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    listed = {c.slug: c.upcoming for c in for_listing(public_convenings())}
    for convening in Convening.objects.public():
        assert listed[convening.slug] == is_upcoming(convening), convening.slug
    assert listed[this_month.slug] and not listed[last_year.slug]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2013", ["Synthetic seminar of 2013"]),
        ("region=africa", ["Synthetic conference later", "Synthetic seminar of 2013"]),
        ("topic=women_hrds", ["Synthetic forum soon", "Synthetic seminar of 2013"]),
        ("kind=webinar", ["Synthetic webinar of 2020"]),
        ("region=africa&topic=nhris&year=2013&kind=seminar", ["Synthetic seminar of 2013"]),
        ("region=Africa&kind=SEMINAR", ["Synthetic seminar of 2013"]),
        ("year=1999", []),
    ],
)
def test_filters_by_year_region_topic_and_kind(visitor, world, query, expected):
    response = visitor.get(f"/en/convenings/?{query}")
    assert response.status_code == 200
    assert _titles(response) == expected
    if not expected:
        assert "No convening matches these filters." in response.text
    assert 'href="/en/convenings.ics?' in response.text  # the calendar of this selection


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Enter a whole number."),
        ("year=1850", "greater than or equal to 1900"),
        ("region=atlantis", "Select a valid choice."),
        ("topic=no_such_topic", "Select a valid choice."),
        ("kind=party", "Select a valid choice."),
        ("kind=%3Cscript%3Ealert(1)%3C/script%3E", "Select a valid choice."),
    ],
)
def test_a_filter_that_cannot_be_read_is_a_400_with_a_message(visitor, world, query, message):
    response = visitor.get(f"/en/convenings/?{query}")
    assert response.status_code == 400
    assert "Some filters could not be read" in response.text
    assert message in response.text
    assert "<script>alert" not in response.text
    assert 'rel="canonical"' not in response.text


def test_the_filters_offer_the_years_and_topics_convenings_have(visitor, world):
    text = visitor.get("/en/convenings/").text
    years = re.findall(r'<option value="(\d{4})"', text)
    assert years == sorted({str(TODAY.year + 1), str((TODAY + dt.timedelta(days=100)).year),
                            str((TODAY + dt.timedelta(days=10)).year), "2020", "2013"},
                           reverse=True)  # fmt: skip
    assert '<option value="women_hrds">women defenders</option>' in text
    assert '<option value="kind' not in text


def test_a_long_list_is_paginated_and_a_page_beyond_it_is_a_404(visitor, world):
    ConveningFactory.create_batch(30, start_date=dt.date(2001, 1, 1), end_date=None)
    first = visitor.get("/en/convenings/")
    assert "Page 1 of 2" in first.text and first.text.count("<li><p>") == 25
    second = visitor.get("/en/convenings/?page=2")
    assert second.status_code == 200 and second.text.count("<li><p>") == 10
    assert 'id="upcoming"' not in second.text
    assert visitor.get("/en/convenings/?page=9").status_code == 404
    assert visitor.get("/en/convenings/?page=x").status_code == 404


# A convening's page


def _json_ld(response) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_a_convening_page_shows_its_facts_sources_and_library_documents(visitor, world):
    past = world["past"]
    past.title_original = "Séminaire synthétique de 2013"
    past.outcome_en = "A synthetic declaration was adopted."
    past.languages = "fr,es"
    past.save()
    past.sources.add(SourceFactory(url="https://example.org/synthetic-report"))
    public = Document.objects.create(
        slug="synthetic-report", title_en="Synthetic report", date=dt.date(2014, 1, 1)
    )
    draft = Document.objects.create(
        slug="synthetic-draft", title_en="Synthetic unpublished", date=dt.date(2014, 1, 1),
        published=False,
    )  # fmt: skip
    past.documents.add(public, draft)
    response = visitor.get("/en/convenings/past/")
    assert response.status_code == 200
    text = response.text
    assert "<h1>Synthetic seminar of 2013</h1>" in text
    assert "Séminaire synthétique de 2013" in text
    assert "Seminar" in text and "Oct. 9, 2013 \u2013 Oct. 11, 2013" in text
    assert world["east"].get_absolute_url() in text and "Synthetic City" in text
    assert "In person" in text and "French, Spanish" in text
    assert "First Synthetic NGO; Second Synthetic NGO" in text
    assert 'href="/en/convenings/?topic=nhris"' in text
    assert "A synthetic convening for a test." in text
    assert "A synthetic declaration was adopted." in text
    assert "Synthetic report" in text and "Synthetic unpublished" not in text
    assert "https://example.org/synthetic-report" in text
    assert 'href="/en/convenings/past.ics"' in text
    assert "Low confidence" not in text
    assert "Register" not in text  # registration is not open


def test_a_low_confidence_convening_says_so(visitor, world):
    undated = world["undated"]
    undated.confidence = "low"
    undated.save()
    text = visitor.get("/en/convenings/undated/").text
    assert "Low confidence" in text
    assert "date not known" in text and ".ics" not in text.split("<main")[1]


def test_a_convening_describes_itself_as_a_schema_org_event(visitor, world):
    data = _json_ld(visitor.get("/en/convenings/past/"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["url"] == data["@id"] == "http://testserver/en/convenings/past/"
    assert data["name"] == "Synthetic seminar of 2013"
    assert (data["startDate"], data["endDate"]) == ("2013-10-09", "2013-10-11")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Synthetic City",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Synthetic City",
            "addressCountry": world["east"].iso_alpha2,
        },
    }
    assert data["organizer"] == [
        {"@type": "Organization", "name": "First Synthetic NGO"},
        {"@type": "Organization", "name": "Second Synthetic NGO"},
    ]
    assert data["description"] == "A synthetic convening for a test."

    online = _json_ld(visitor.get("/en/convenings/online-2020/"))
    assert online["startDate"] == "2020-05" and "endDate" not in online  # known to the month
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "name": "online"}
    assert "startDate" not in _json_ld(visitor.get("/en/convenings/undated/"))


def test_json_ld_cannot_close_its_script(visitor, world):
    past = world["past"]
    past.title_en = "Synthetic </script><script>alert(1)</script>"
    past.save()
    response = visitor.get("/en/convenings/past/")
    assert "<script>alert(1)" not in response.text
    assert _json_ld(response)["name"] == "Synthetic </script><script>alert(1)</script>"


def test_an_unknown_or_unpublished_convening_is_a_404(visitor, world):
    assert visitor.get("/en/convenings/no-such-convening/").status_code == 404
    assert visitor.get("/en/convenings/hidden/").status_code == 404
    assert visitor.get("/en/convenings/hidden.ics").status_code == 404


@pytest.mark.parametrize(
    ("language", "date", "place", "topic"),
    [
        ("en", "Oct. 9, 2013", "Eastland", "women defenders"),
        ("es", "9 de octubre de 2013", "Eastland", "mujeres defensoras"),
        ("fr", "9 octobre 2013", "Eastland", "women defenders"),
    ],
)
def test_pages_in_english_spanish_and_french(visitor, world, language, date, place, topic):
    listing = visitor.get(f"/{language}/convenings/")
    assert listing.status_code == 200
    assert f'<html lang="{language}">' in listing.text
    assert date in listing.text
    page = visitor.get(f"/{language}/convenings/past/")
    assert page.status_code == 200
    assert date in page.text and place in page.text and topic in page.text
    assert f"http://testserver/{language}/convenings/past/" == _json_ld(page)["url"]
    south = visitor.get(f"/{language}/convenings/soon/").text
    assert ("Tierra del Sur" if language == "es" else "Southland") in south


def test_the_list_costs_the_same_few_queries_whatever_the_number_of_convenings(visitor, world):
    def cost(url):
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get(url).status_code == 200
        return len(queries)

    urls = [
        "/en/convenings/",
        "/en/convenings/?region=africa&topic=women_hrds",
        "/en/convenings/past/",
    ]
    before = [cost(url) for url in urls]
    for convening in ConveningFactory.create_batch(20, country=world["east"]):
        convening.topics.add(world["women"], TopicFactory())
    assert [cost(url) for url in urls] == before
    assert max(before) <= 12, before


def test_the_sitemap_lists_published_convenings_and_never_a_registration(visitor, world):
    index = visitor.get("/sitemap.xml").text
    assert "sitemap-convenings.xml" in index
    section = visitor.get("/sitemap-convenings.xml").text
    assert "http://testserver/en/convenings/past/" in section
    assert "http://testserver/fr/convenings/past/" in section
    assert "/hidden/" not in section and "registration" not in section
    assert "http://testserver/en/convenings/" in visitor.get("/sitemap-pages.xml").text
    assert "Disallow: /*/convenings/registration/" in visitor.get("/robots.txt").text


def test_the_footer_links_the_convenings(visitor, world):
    assert 'href="/es/convenings/"' in visitor.get("/es/").text
