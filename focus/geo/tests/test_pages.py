"""Country and region pages, as a visitor reads them."""

import datetime as dt

import pytest

from focus.core.dates import DatePrecision
from focus.geo.tests.factories import CountryFactory, RegionFactory, SubdivisionFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.models import Jurisdiction
from focus.policies.tests.factories import (
    DevelopmentFactory,
    InstrumentFactory,
    MechanismFactory,
    SourceFactory,
)
from focus.policies.vocabulary import InstrumentType

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    """Synthetic Testland with a law in force, a state law, a mechanism and a neighbour."""
    region = RegionFactory()
    land = CountryFactory(region=region, name_en="Testland", name_es="Tierra de Prueba")
    law = InstrumentFactory(jurisdiction=land, title_en="Defenders Protection Act")
    law.sources.add(SourceFactory(url="https://gazette.example.org/act", title="Gazette"))
    DevelopmentFactory(
        instrument=law,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date(2012, 6, 25),
        summary_en="Congress adopted the act.",
    )
    state = SubdivisionFactory(parent=land, name_en="North Province")
    state_law = InstrumentFactory(jurisdiction=state, title_en="Provincial defenders law")
    DevelopmentFactory(
        instrument=state_law,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date(2019, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    MechanismFactory(
        jurisdiction=land,
        name_en="Testland Protection Mechanism",
        how_to_reach_en="Ask the mechanism's office for protection in person or by phone.",
        emergency_line="+00 800 000",
    )
    neighbour = CountryFactory(region=region, name_en="Draftland")
    bill = InstrumentFactory(jurisdiction=neighbour, instrument_type=InstrumentType.DRAFT_BILL)
    DevelopmentFactory(instrument=bill, development_type=DevelopmentType.BILL_INTRODUCED)
    CountryFactory(region=region, name_en="Quietland")
    return land


def test_country_page_answers_what_protection_exists_and_how_to_reach_it(visitor, country):
    response = visitor.get(f"/en/countries/{country.code.lower()}/")
    assert response.status_code == 200
    text = response.text
    assert "<h1>Testland</h1>" in text
    assert "Specific law in force" in text
    assert "Defenders Protection Act</a>" in text
    assert 'adopted</span> <span class="since">since June 25, 2012' in text
    assert "Congress adopted the act." in text
    assert 'In effect: <a href="' in text and "Defenders Protection Act</a> (<span" in text
    assert "Testland Protection Mechanism" in text
    assert "Ask the mechanism&#x27;s office for protection" in text
    assert "+00 800 000" in text
    assert "https://gazette.example.org/act" in text


def test_subnational_instruments_are_grouped_by_province(visitor, country):
    text = visitor.get(country.get_absolute_url()).text
    section = text[text.index('id="subnational"') :]
    assert section.index("North Province") < section.index("Provincial defenders law")
    state = Jurisdiction.objects.get(name_en="North Province")
    assert state.get_absolute_url() == f"/en/countries/{country.code.lower()}/#{state.code}"
    assert f'id="{state.code}"' in section


def test_neighbours_in_the_region_with_records_are_listed(visitor, country):
    text = visitor.get(country.get_absolute_url()).text
    neighbours = text[text.index('id="neighbours-h"') :]
    assert "Draftland" in neighbours
    assert "draft under discussion" in neighbours
    assert "Quietland" not in neighbours


def test_country_page_is_in_the_visitors_language(visitor, country):
    text = visitor.get(f"/es/countries/{country.code.lower()}/").text
    assert "<h1>Tierra de Prueba</h1>" in text
    assert "Ley específica vigente" in text
    assert "Instrumentos" in text


def test_an_upper_case_code_redirects_to_the_page(visitor, country):
    response = visitor.get(f"/en/countries/{country.code}/")
    assert response.status_code == 301
    assert response["Location"] == f"/en/countries/{country.code.lower()}/"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "There is no country with the code “zzz”"),
        ("es", "No hay ningún país con el código «zzz»"),
        ("fr", "Aucun pays n’a le code «\u00a0zzz\u00a0»"),
    ],
)
def test_an_unknown_country_is_a_404_that_helps_in_the_visitors_language(
    visitor, language, message
):
    response = visitor.get(f"/{language}/countries/zzz/")
    assert response.status_code == 404
    assert f'lang="{language}"' in response.text
    assert message in response.text
    assert f'href="/{language}/"' in response.text


def test_region_page_lists_its_countries_by_category_and_regional_texts(visitor, country):
    region = country.region
    body = Jurisdiction.objects.create(
        kind=Jurisdiction.Kind.REGIONAL_BODY, code="XTB", name_en="Test Union", region=region
    )
    InstrumentFactory(
        jurisdiction=body,
        instrument_type=InstrumentType.FOREIGN_POLICY_GUIDELINE,
        title_en="Union guidelines on defenders",
    )
    response = visitor.get(f"/en/regions/{region.code}/")
    assert response.status_code == 200
    text = response.text
    assert text.index("Specific law in force") < text.index("Testland") < text.index("Draftland")
    assert "Quietland" not in text
    assert "Union guidelines on defenders" in text
    assert visitor.get("/en/regions/atlantis/").status_code == 404
