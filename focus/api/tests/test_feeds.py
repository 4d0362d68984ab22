"""RSS and Atom feeds of developments and documents, as a feed reader and a visitor see them."""

import datetime as dt
import re
from urllib.parse import urlsplit

import feedparser
import pytest
from django.utils import timezone, translation

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.library.models import Document
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Development, Organisation
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory
from focus.policies.vocabulary import OrganisationKind

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom")
LANGUAGES = ("en", "es", "fr")


def _added_in_order(records):
    """Give records distinct creation times, in the order listed (the last is the newest)."""
    start = timezone.now() - dt.timedelta(days=len(records))
    for n, record in enumerate(records):
        type(record).objects.filter(pk=record.pk).update(created=start + dt.timedelta(days=n))
        record.refresh_from_db()
    return records


@pytest.fixture
def world():
    """Two regions, three countries (one with a state), developments of several types whose
    order of addition differs from the order of their dates, and documents."""
    americas = RegionFactory()
    africa = RegionFactory(code="africa", name_en="Africa", name_es="África", name_fr="Afrique")
    north = CountryFactory(
        region=americas, name_en="Northland", name_es="Tierra del Norte", name_fr="Pays du Nord"
    )
    south = CountryFactory(region=americas, name_en="Southland")
    far = CountryFactory(region=africa, name_en="Farland")
    state = SubdivisionFactory(parent=north, name_en="North State")
    developments = []
    for i in range(12):
        place = [north, south, far, state][i % 4]
        instrument = InstrumentFactory(jurisdiction=place) if i % 5 else None
        developments.append(
            DevelopmentFactory(
                instrument=instrument,
                jurisdiction=place,
                development_type=DevelopmentType.ADOPTED
                if i % 3 == 0
                else DevelopmentType.STATEMENT,
                date=dt.date(2000 + (i * 7) % 24, 1 + i % 12, 1),
                summary_en=f"Event number {i} & more.",
                summary_es=f"Suceso número {i}.",
            )
        )
    _added_in_order(developments)
    ngo = Organisation.objects.create(slug="ngo", name="Defenders NGO", kind=OrganisationKind.NGO)
    documents = []
    for i, (kind, place) in enumerate(
        [("evaluation", north), ("publication", south), ("evaluation", far), ("ruling", state)]
    ):
        document = Document.objects.create(
            slug=f"document-{i}",
            title_en=f"Document {i}",
            kind=kind,
            date=dt.date(2015 + i, 1, 1),
            date_precision=DatePrecision.YEAR,
        )
        document.jurisdictions.add(place)
        document.authors.add(ngo)
        documents.append(document)
    hidden = Document.objects.create(
        slug="unpublished", title_en="Not yet published", kind="evaluation", published=False,
        date=None, date_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    hidden.jurisdictions.add(north)
    _added_in_order([*documents, hidden])
    return {
        "americas": americas,
        "africa": africa,
        "north": north,
        "south": south,
        "far": far,
        "state": state,
        "developments": Development.objects.all(),
        "documents": documents,
    }


def _feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return response, parsed


def _pks(parsed, kind: str) -> list[int]:
    """The records of a feed's entries, by the ids the feed gives them."""
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == len(ids)
    return [int(re.fullmatch(rf"tag:[^,]+,\d{{4}}:{kind}:(\d+)", i).group(1)) for i in ids]


def _newest_first(records) -> list[int]:
    return [r.pk for r in sorted(records, key=lambda r: (r.created, r.pk), reverse=True)]


def _in_country(development, country) -> bool:
    return country in (development.jurisdiction, development.jurisdiction.parent)


def _in_region(development, region) -> bool:
    return region == development.jurisdiction.country.region


SELECTIONS = {
    "all": (lambda w: "", lambda w, d: True),
    "country": (lambda w: f"?country={w['north'].code.lower()}", lambda w, d: _in_country(d, w["north"])),
    "region": (lambda w: "?region=americas", lambda w, d: _in_region(d, w["americas"])),
    "type": (lambda w: "?type=adopted", lambda w, d: d.development_type == "adopted"),
    "dates": (
        lambda w: "?start=2005-01-01&end=2015-12-31",
        lambda w, d: dt.date(2005, 1, 1) <= d.date <= dt.date(2015, 12, 31),
    ),
    "combined": (
        lambda w: "?region=americas&type=statement&start=2001-01-01",
        lambda w, d: _in_region(d, w["americas"])
        and d.development_type == "statement"
        and d.date >= dt.date(2001, 1, 1),
    ),
}  # fmt: skip


@pytest.mark.parametrize("selection", SELECTIONS)
def test_development_feeds_hold_exactly_the_developments_their_filters_select(
    visitor, world, selection
):
    query, keeps = SELECTIONS[selection]
    expected = _newest_first(d for d in world["developments"] if keeps(world, d))
    assert expected  # each selection holds something, and not everything
    assert selection == "all" or len(expected) < len(world["developments"])
    for language in LANGUAGES:
        for kind in FORMATS:
            _, parsed = _feed(visitor, f"/{language}/feeds/developments.{kind}{query(world)}")
            assert _pks(parsed, "development") == expected, (language, kind)
            assert parsed.feed.language == language


def test_a_development_entry_says_when_what_and_where_in_the_visitors_language(visitor, world):
    development = next(
        d for d in world["developments"] if d.jurisdiction == world["north"] and d.instrument_id
    )
    development.date, development.development_type = dt.date(2012, 6, 25), "adopted"
    development.save()
    for language, title, summary in [
        ("en", "June 25, 2012 · Adopted · Northland", "Event number"),
        ("es", "25 de junio de 2012 · Adoptado · Tierra del Norte", "Suceso número"),
        ("fr", "25 juin 2012 · Adopté · Pays du Nord", "Event number"),
    ]:
        for kind in FORMATS:
            _, parsed = _feed(visitor, f"/{language}/feeds/developments.{kind}")
            entry = next(e for e in parsed.entries if e.id.endswith(f":{development.pk}"))
            assert entry.title == title
            assert entry.summary.startswith(summary)
            with translation.override(language):
                assert entry.link == f"http://testserver{development.get_absolute_url()}"
            assert entry.link.startswith(f"http://testserver/{language}/instruments/")
            assert {tag.term for tag in entry.tags} == {
                title.split(" · ")[1],
                title.split(" · ")[2],
            }
            assert entry.published_parsed
            if kind == "atom":
                assert entry.updated_parsed
            assert visitor.get(urlsplit(entry.link).path).status_code == 200


def test_a_development_in_a_state_names_its_country(visitor, world):
    _, parsed = _feed(visitor, "/en/feeds/developments.rss")
    in_state = next(d for d in world["developments"] if d.jurisdiction == world["state"])
    entry = next(e for e in parsed.entries if e.id.endswith(f":development:{in_state.pk}"))
    assert entry.title.endswith("· North State, Northland")
    assert "Northland" in {tag.term for tag in entry.tags}


def test_entries_keep_their_id_across_languages_and_formats(visitor, world):
    ids = {
        (language, kind): [e.id for e in _feed(visitor, f"/{language}/feeds/developments.{kind}")[1].entries]
        for language in LANGUAGES
        for kind in FORMATS
    }  # fmt: skip
    assert len({tuple(v) for v in ids.values()}) == 1
    # A development without an instrument links to its country's page, shared by others:
    # the id, not the link, tells the entries apart.
    for _ in range(2):
        DevelopmentFactory(instrument=None, jurisdiction=world["far"])
    _, parsed = _feed(visitor, "/en/feeds/developments.rss")
    links = [e.link for e in parsed.entries]
    assert len(set(links)) < len(links)


def test_the_summary_is_text_not_markup(visitor, world):
    development = world["developments"].first()
    development.summary_en = "Ruling <b>quashed</b> & <script>alert(1)</script>"
    development.save()
    for kind in FORMATS:
        response = visitor.get(f"/en/feeds/developments.{kind}")
        assert b"<script>" not in response.content and b"<b>" not in response.content
        entry = next(
            e
            for e in feedparser.parse(response.content).entries
            if e.id.endswith(f":{development.pk}")
        )
        assert "&lt;b&gt;quashed&lt;/b&gt;" in entry.summary


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("en", "", "Focus: developments"),
        ("en", "?country={north}", "Focus: developments in Northland"),
        ("es", "?country={north}", "Focus: novedades en Tierra del Norte"),
        ("fr", "?region=africa", "Focus\u00a0: événements — Afrique"),
        ("en", "?region=africa&type=adopted&start=2001-02-03", "Focus: developments in Africa (adopted; from Feb. 3, 2001)"),
    ],
)  # fmt: skip
def test_a_feed_says_what_it_holds(visitor, world, language, query, title):
    query = query.format(north=world["north"].code.lower())
    for kind in FORMATS:
        _, parsed = _feed(visitor, f"/{language}/feeds/developments.{kind}{query}")
        assert parsed.feed.title == title
        description = parsed.feed.get("subtitle") or parsed.feed.get("description")
        # The description names the same selection (after "Focus:", first letter aside).
        assert title.split(":", 1)[1].strip()[1:] in description
        # Its page is the timeline in the same order, with the same filters.
        page = urlsplit(parsed.feed.link)
        assert page.path == f"/{language}/developments/"
        assert "sort=added" in page.query
        assert visitor.get(f"{page.path}?{page.query}").status_code == 200


def test_a_feed_has_at_most_fifty_entries_the_latest_added(visitor, world):
    north = world["north"]
    _added_in_order(
        [DevelopmentFactory(instrument=InstrumentFactory(jurisdiction=north)) for _ in range(45)]
    )
    all_developments = list(Development.objects.all())
    assert len(all_developments) > 50
    _, parsed = _feed(visitor, "/en/feeds/developments.atom")
    assert _pks(parsed, "development") == _newest_first(all_developments)[:50]


def test_a_feed_costs_the_same_few_queries_whatever_its_length(
    visitor, world, django_assert_max_num_queries
):
    north = world["north"]
    with django_assert_max_num_queries(3):
        visitor.get(f"/en/feeds/developments.rss?country={north.code.lower()}&type=statement")
    for _ in range(30):
        DevelopmentFactory(instrument=InstrumentFactory(jurisdiction=north))
    with django_assert_max_num_queries(3):
        visitor.get(f"/en/feeds/developments.rss?country={north.code.lower()}&type=statement")
    with django_assert_max_num_queries(6):
        visitor.get("/en/feeds/documents.atom?kind=evaluation")


def test_a_country_with_no_development_yet_can_be_followed(visitor, world):
    quiet = CountryFactory(name_en="Quietland")
    _, parsed = _feed(visitor, f"/en/feeds/developments.rss?country={quiet.code.lower()}")
    assert parsed.entries == []
    assert parsed.feed.title == "Focus: developments in Quietland"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/en/feeds/developments.rss?country=zzz", "Country: Select a valid choice."),
        ("/en/feeds/developments.atom?region=atlantis", "Region: Select a valid choice."),
        ("/en/feeds/developments.rss?type=invasion", "Type: Select a valid choice."),
        ("/fr/feeds/developments.rss?start=2020-99-01", "Du: Saisissez une date valide."),
        ("/es/feeds/developments.atom?start=2020-01-01&end=2019-01-01", "Hasta: El final del intervalo es anterior a su inicio."),
        ("/en/feeds/developments.rss?start=1850-01-01", "From: Choose a date after 1900."),
        ("/en/feeds/documents.rss?year=soon", "Year: Enter a whole number."),
        ("/en/feeds/documents.atom?author=nobody", "Author: Select a valid choice."),
        ("/fr/feeds/documents.rss?kind=novel", "Type: Sélectionnez un choix valide."),
    ],
)  # fmt: skip
def test_filters_a_feed_cannot_read_are_a_400_that_says_why(visitor, world, url, message):
    response = visitor.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert len(lines) == 2
    assert lines[1].replace("\u202f", " ").replace("\xa0", " ").startswith(message), lines


def test_feeds_are_read_not_written(visitor, world):
    assert visitor.post("/en/feeds/developments.rss").status_code == 405
    assert visitor.head("/en/feeds/documents.atom").status_code == 200


def test_feeds_link_only_to_this_site_and_carry_no_tracking(visitor, world):
    for url in (
        "/en/feeds/developments.rss",
        "/es/feeds/developments.atom",
        "/fr/feeds/documents.rss",
    ):
        response = visitor.get(url)
        hosts = set(
            re.findall(rb'(?:href="|<link>|<comments>)https?://([^/"<]+)', response.content)
        )
        assert hosts == {b"testserver"}, hosts
        assert b"utm_" not in response.content
        assert b"<img" not in response.content and b"&lt;img" not in response.content
        # The feed names its own address, filters included.
        parsed = feedparser.parse(response.content)
        assert parsed.entries


def test_the_feed_names_its_own_address_with_its_filters(visitor, world):
    north = world["north"].code.lower()
    response = visitor.get(
        f"/en/feeds/developments.atom?type=adopted&region=&country={north.upper()}"
    )
    assert (
        f'<link href="http://testserver/en/feeds/developments.atom?country={north}&amp;type=adopted" rel="self"'
        in response.text
    )


# Documents


@pytest.mark.parametrize(
    ("query", "keeps"),
    [
        ("", lambda w, d: True),
        ("?kind=evaluation", lambda w, d: d.kind == "evaluation"),
        ("?country={north}", lambda w, d: any(_in_place(j, w["north"]) for j in d.jurisdictions.all())),
        ("?region=americas&kind=evaluation", lambda w, d: d.kind == "evaluation" and d.slug == "document-0"),
        ("?year=2016", lambda w, d: d.date.year == 2016),
    ],
)  # fmt: skip
def test_document_feeds_hold_the_published_documents_their_filters_select(
    visitor, world, query, keeps
):
    query = query.format(north=world["north"].code.lower())
    expected = _newest_first(d for d in world["documents"] if keeps(world, d))
    assert expected
    for language in LANGUAGES:
        for kind in FORMATS:
            _, parsed = _feed(visitor, f"/{language}/feeds/documents.{kind}{query}")
            assert _pks(parsed, "document") == expected, (language, kind, query)


def _in_place(jurisdiction, country) -> bool:
    return country in (jurisdiction, jurisdiction.parent)


def test_a_document_entry_names_its_kind_date_authors_and_page(visitor, world):
    document = world["documents"][0]
    document.summary_en = "An evaluation of the mechanism."
    document.save()
    for kind in FORMATS:
        _, parsed = _feed(visitor, f"/en/feeds/documents.{kind}")
        entry = next(e for e in parsed.entries if e.id.endswith(f":document:{document.pk}"))
        assert entry.title == "Document 0"
        assert entry.link == f"http://testserver{document.get_absolute_url()}"
        assert "Evaluation · 2015 · Defenders NGO" in entry.summary
        assert "An evaluation of the mechanism." in entry.summary
        assert entry.author == "Defenders NGO"
        assert {tag.term for tag in entry.tags} == {"Evaluation", "Northland"}
    _, parsed = _feed(
        visitor, "/en/feeds/documents.rss?kind=evaluation&country=" + world["north"].code.lower()
    )
    assert parsed.feed.title == "Focus: new documents about Northland (evaluation)"
    assert urlsplit(parsed.feed.link).path == "/en/library/"


# Pages link their feeds


def _feed_links(text: str) -> dict:
    """The feeds a page names in its head, and those it links in its body, by format."""
    head, body = text.split("</head>", 1)
    named = re.findall(
        r'<link rel="alternate" type="application/(rss|atom)\+xml" title="([^"]+)" href="([^"]+)">',
        head,
    )
    shown = re.findall(r'<a href="([^"]+)" type="application/(rss|atom)\+xml">([^<]+)</a>', body)
    assert len(named) == 2 and len(shown) == 2, (named, shown)
    assert {kind: href for kind, _, href in named} == {kind: href for href, kind, _ in shown}
    # In the page's language.
    assert [text for *_, text in shown] in (
        ["Subscribe (RSS)", "Atom"],
        ["Suscribirse (RSS)", "Atom"],
        ["S’abonner (RSS)", "Atom"],
    )
    return {kind: (title, href.replace("&amp;", "&")) for kind, title, href in named}


@pytest.mark.parametrize(
    ("page", "feed", "title"),
    [
        ("/en/", "/en/feeds/developments.{kind}", "Focus: developments"),
        (
            "/es/developments/?type=adopted&country={north_upper}&region=&start=&sort=date&page=1",
            "/es/feeds/developments.{kind}?country={north}&type=adopted",
            "Focus: novedades en Tierra del Norte (adoptado)",
        ),
        ("/fr/countries/{north}/", "/fr/feeds/developments.{kind}?country={north}", "Focus\u00a0: événements — Pays du Nord"),
        ("/en/regions/africa/", "/en/feeds/developments.{kind}?region=africa", "Focus: developments in Africa"),
        (
            "/en/library/?kind=evaluation&country={north}&author=",
            "/en/feeds/documents.{kind}?country={north}&kind=evaluation",
            "Focus: new documents about Northland (evaluation)",
        ),
    ],
)  # fmt: skip
def test_pages_link_the_feeds_that_follow_them(visitor, world, page, feed, title):
    codes = {"north": world["north"].code.lower(), "north_upper": world["north"].code}
    response = visitor.get(page.format(**codes))
    assert response.status_code == 200
    links = _feed_links(response.text)
    for kind, label in (("rss", "RSS"), ("atom", "Atom")):
        assert links[kind] == (f"{title} ({label})", feed.format(kind=kind, **codes))
        _, parsed = _feed(visitor, links[kind][1])
        assert parsed.feed.title == title
        assert parsed.entries


def test_a_page_whose_filters_are_refused_links_no_feed(visitor, world):
    for url in ("/en/developments/?country=zzz", "/en/library/?year=soon"):
        response = visitor.get(url)
        assert response.status_code == 400
        assert "application/rss+xml" not in response.text
        assert "Subscribe (RSS)" not in response.text
