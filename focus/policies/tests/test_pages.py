"""Instrument, mechanism and timeline pages, as a visitor reads them."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import InstrumentRelation, ProtectionMeasure
from focus.policies.tests.factories import (
    DevelopmentFactory,
    InstrumentFactory,
    MechanismFactory,
    MechanismFigureFactory,
    SourceFactory,
)
from focus.policies.vocabulary import InstrumentType

pytestmark = pytest.mark.django_db


@pytest.fixture
def law():
    country = CountryFactory(name_en="Testland")
    law = InstrumentFactory(
        jurisdiction=country,
        title_en="Defenders Protection Act",
        title_original="Ley de Protección de Personas Defensoras",
        reference="Official Gazette 25-06-2012",
    )
    law.sources.add(SourceFactory(url="https://gazette.example.org/act", title="Gazette"))
    for kind, date in (
        (DevelopmentType.BILL_INTRODUCED, dt.date(2011, 3, 1)),
        (DevelopmentType.ADOPTED, dt.date(2012, 4, 30)),
        (DevelopmentType.ENTERED_INTO_FORCE, dt.date(2012, 6, 26)),
    ):
        DevelopmentFactory(instrument=law, development_type=kind, date=date).sources.add(
            SourceFactory()
        )
    return law


def test_instrument_page_shows_its_status_over_time(visitor, law):
    response = visitor.get(f"/en/instruments/{law.slug}/")
    assert response.status_code == 200
    text = response.text
    timeline = text[
        text.index('class="status-timeline"') : text.index(
            "</ol>", text.index('class="status-timeline"')
        )
    ]
    assert re.findall(r'class="status status-(\w+)"', timeline) == [
        "under_debate",
        "adopted",
        "in_force",
    ]
    assert "June 26, 2012" in timeline
    assert "Ley de Protección de Personas Defensoras" in text
    assert "Official Gazette 25-06-2012" in text
    assert "https://gazette.example.org/act" in text


@pytest.mark.parametrize(
    "language, precision, since",
    [
        ("en", DatePrecision.DAY, "since June 26, 2012"),
        ("fr", DatePrecision.DAY, "depuis le 26 juin 2012"),
        ("fr", DatePrecision.MONTH, "depuis juin 2012"),
        ("fr", DatePrecision.YEAR, "depuis 2012"),
        ("es", DatePrecision.DAY, "desde el 26 de junio de 2012"),
        ("es", DatePrecision.MONTH, "desde junio de 2012"),
        ("es", DatePrecision.YEAR, "desde 2012"),
    ],
)
def test_the_status_says_since_when_as_the_language_says_it(
    visitor, law, language, precision, since
):
    entry = law.developments.get(development_type=DevelopmentType.ENTERED_INTO_FORCE)
    entry.date_precision = precision
    entry.date = {DatePrecision.DAY: entry.date, DatePrecision.MONTH: dt.date(2012, 6, 1)}.get(
        precision, dt.date(2012, 1, 1)
    )
    entry.save()
    text = visitor.get(f"/{language}/instruments/{law.slug}/").text
    situation = text[
        text.index('class="situation"') : text.index("</p>", text.index('class="situation"'))
    ]
    assert f'<span class="since">{since}</span>' in situation


@pytest.mark.parametrize(
    "language, precision, words",
    [
        ("en", DatePrecision.DAY, 'handed down</span> <span class="since">on June 26, 2012'),
        ("fr", DatePrecision.DAY, 'rendue</span> <span class="since">le 26 juin 2012'),
        ("fr", DatePrecision.MONTH, 'rendue</span> <span class="since">en juin 2012'),
        ("es", DatePrecision.DAY, 'dictada</span> <span class="since">el 26 de junio de 2012'),
        ("es", DatePrecision.YEAR, 'dictada</span> <span class="since">en 2012'),
    ],
)
def test_a_court_ruling_is_handed_down_on_a_date_not_adopted_since(
    visitor, language, precision, words
):
    ruling = InstrumentFactory(
        jurisdiction=CountryFactory(), instrument_type=InstrumentType.COURT_RULING
    )
    date = {DatePrecision.DAY: dt.date(2012, 6, 26), DatePrecision.MONTH: dt.date(2012, 6, 1)}
    DevelopmentFactory(
        instrument=ruling,
        development_type=DevelopmentType.ADOPTED,
        date=date.get(precision, dt.date(2012, 1, 1)),
        date_precision=precision,
    )
    page = visitor.get(f"/{language}/instruments/{ruling.slug}/").text
    assert words in page
    country = visitor.get(f"/{language}/countries/{ruling.jurisdiction.code.lower()}/").text
    assert words in country


def test_instrument_title_falls_back_to_the_original_and_says_so(visitor, law):
    text = visitor.get(f"/fr/instruments/{law.slug}/").text
    h1 = text[text.index("<h1>") : text.index("</h1>")]
    assert "Ley de Protección de Personas Defensoras" in h1
    assert "langue originale, non traduit" in h1
    law.summary_en = "An English summary."
    law.save()
    text = visitor.get(f"/fr/instruments/{law.slug}/").text
    assert '<span lang="en">An English summary.</span> <small class="fallback">(en anglais)' in text


def test_instrument_page_shows_relations_both_ways_and_its_mechanism(visitor, law):
    regulation = InstrumentFactory(
        jurisdiction=law.jurisdiction,
        instrument_type=InstrumentType.REGULATION,
        title_en="Regulation of the act",
    )
    InstrumentRelation.objects.create(
        from_instrument=regulation, kind="regulates", to_instrument=law
    )
    mechanism = MechanismFactory(jurisdiction=law.jurisdiction, name_en="Testland Mechanism")
    mechanism.instruments.add(law)
    text = visitor.get(law.get_absolute_url()).text
    assert (
        f'<a href="{regulation.get_absolute_url()}">Regulation of the act</a> regulates this text'
        in text
    )
    assert f'href="{mechanism.get_absolute_url()}"' in text
    other = visitor.get(regulation.get_absolute_url()).text
    assert "This text regulates" in other


def test_instrument_page_describes_itself_as_schema_org_legislation(visitor, law):
    text = visitor.get(law.get_absolute_url()).text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Legislation"
    assert data["name"] == "Defenders Protection Act"
    assert data["legislationIdentifier"] == "Official Gazette 25-06-2012"
    assert data["legislationDate"] == "2012-04-30"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["url"].endswith(law.get_absolute_url())


def test_json_ld_cannot_close_its_script(visitor, law):
    law.title_en = "</script><script>alert(1)</script>"
    law.save()
    text = visitor.get(law.get_absolute_url()).text
    block = text[text.index('<script type="application/ld+json">') :]
    assert block.index("</script>") > block.index("\\u003c/script\\u003e")


def test_mechanism_page_shows_how_to_reach_it_and_its_figures_as_chart_and_table(visitor, law):
    mechanism = MechanismFactory(
        jurisdiction=law.jurisdiction,
        name_en="Testland Mechanism",
        how_to_reach_en="Write to the mechanism.",
        contact_channel="Ministry of the Interior, office 3",
        start_date=dt.date(2012, 10, 1),
        start_date_precision=DatePrecision.MONTH,
    )
    mechanism.instruments.add(law)
    mechanism.measures.add(ProtectionMeasure.objects.get(code="relocation"))
    for period, value in (("2019", 1000), ("2020", 1500), ("2021", 2000)):
        MechanismFigureFactory(mechanism=mechanism, period=period, value=Decimal(value))
    response = visitor.get(f"/en/mechanisms/{mechanism.slug}/")
    assert response.status_code == 200
    text = response.text
    assert "Write to the mechanism." in text
    assert "Ministry of the Interior, office 3" in text
    assert "October 2012" in text
    assert "relocation" in text
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', text)]
    assert widths[2] == max(widths) and widths[0] == pytest.approx(widths[2] / 2)
    assert '<th scope="row">2020</th><td class="num">1,500</td>' in text
    assert f'href="{law.get_absolute_url()}"' in text
    # In French the numbers are grouped the French way, the SVG coordinates are not.
    french = visitor.get(f"/fr/mechanisms/{mechanism.slug}/").text
    assert re.search(r'class="value">2\s000</text>', french)
    assert re.search(r'<rect x="\d+" y="\d+" width="[\d.]+"', french)


def test_unknown_records_are_404s(visitor):
    assert visitor.get("/en/instruments/no-such-text/").status_code == 404
    response = visitor.get("/es/mechanisms/no-such-body/")
    assert response.status_code == 404
    assert "No hay ningún mecanismo en esta dirección" in response.text


@pytest.fixture
def timeline():
    americas, africa = RegionFactory(), RegionFactory(code="africa", name_en="Africa")
    north = CountryFactory(region=americas, name_en="Northland")
    south = CountryFactory(region=africa, name_en="Southland")
    for i in range(30):
        DevelopmentFactory(
            instrument=InstrumentFactory(jurisdiction=north if i % 2 else south),
            development_type=DevelopmentType.ADOPTED if i % 3 == 0 else DevelopmentType.STATEMENT,
            date=dt.date(2000 + i % 25, 1 + i % 12, 1),
            summary_en=f"Event number {i}.",
        )
    return north, south


def test_timeline_lists_newest_first_a_page_at_a_time(visitor, timeline):
    first = visitor.get("/en/developments/")
    assert first.status_code == 200
    assert "30 developments" in first.text
    assert first.text.count('<li>\n  <p class="meta">') == 25
    assert "Page 1 of 2" in first.text
    second = visitor.get("/en/developments/?page=2")
    assert second.text.count('<li>\n  <p class="meta">') == 5
    dates = re.findall(r'datetime="([\d-]+)"', first.text)
    assert dates == sorted(dates, reverse=True)


def test_timeline_filters_keep_their_values_across_pages(visitor, timeline):
    north, _ = timeline
    response = visitor.get(f"/en/developments/?country={north.code.lower()}&type=adopted")
    text = response.text
    assert response.status_code == 200
    assert "5 developments" in text
    assert "Southland" not in text.split('id="results"')[1]
    by_region = visitor.get("/en/developments/?region=africa&start=2010-01-01&end=2014-12-31")
    assert "Northland" not in by_region.text.split('id="results"')[1]
    assert "3 developments" in by_region.text  # 2010, 2012 and 2014


def test_pagination_links_keep_the_filters(visitor, timeline):
    text = visitor.get("/en/developments/?start=2000-01-01").text
    assert 'href="?start=2000-01-01&amp;page=2"' in text


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("page=99", 404, "There is no page 99: the list has 2 page(s)."),
        ("page=abc", 404, "“abc” is not a page number."),
        ("start=2020-01-01&end=2010-01-01", 400, "The end of the range comes before its start."),
        ("start=not-a-date", 400, "Enter a valid date."),
        ("country=zzz", 400, "Select a valid choice."),
        ("type=invented", 400, "Select a valid choice."),
    ],
)
def test_bad_timeline_input_gets_a_clear_4xx(visitor, timeline, query, status, message):
    response = visitor.get(f"/en/developments/?{query}")
    assert response.status_code == status
    assert message in response.text


def test_latest_additions_order(visitor, timeline):
    DevelopmentFactory(date=dt.date(1995, 1, 1), summary_en="Added last, dated long ago.")
    text = visitor.get("/en/developments/?sort=added").text
    results = text.split('id="results"')[1]
    assert results.index("Added last, dated long ago.") < results.index("Event number 29.")
