"""The minimal public home page: countries with their summary category and number of
instruments, in the visitor's language."""

import datetime as dt

import pytest

from focus.geo.tests.factories import CountryFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def testland():
    country = CountryFactory(name_en="Testland", name_es="Tierra de Prueba", name_fr="Pays d'essai")
    for year in (2012, 2015):
        law = InstrumentFactory(jurisdiction=country)
        DevelopmentFactory(
            instrument=law, development_type=DevelopmentType.ADOPTED, date=dt.date(year, 4, 30)
        )
    return country


def test_root_redirects_to_a_language(visitor):
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize(
    ("language", "name", "category"),
    [
        ("en", "Testland", "specific law in force"),
        ("es", "Tierra de Prueba", "ley específica vigente"),
        ("fr", "Pays d&#x27;essai", "loi spécifique en vigueur"),
    ],
)
def test_home_lists_countries_with_category_and_instrument_count_in_the_visitors_language(
    visitor, testland, language, name, category
):
    response = visitor.get(f"/{language}/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    row = next(r for r in response.text.split("<tr>") if name in r)
    assert category in row
    assert '<td class="num">2</td>' in row


def test_countries_without_any_record_are_not_listed(visitor, testland):
    CountryFactory(name_en="Emptyland")
    response = visitor.get("/en/")
    assert "Testland" in response.text
    assert "Emptyland" not in response.text


def test_home_costs_a_fixed_number_of_queries(visitor, testland, django_assert_max_num_queries):
    for _ in range(10):
        DevelopmentFactory(development_type=DevelopmentType.ADOPTED)
    with django_assert_max_num_queries(6):
        response = visitor.get("/en/")
    assert response.status_code == 200


def test_home_answers_head_and_refuses_post(visitor, testland):
    assert visitor.head("/en/").status_code == 200
    assert visitor.post("/en/").status_code == 405


def test_home_asks_for_nothing_from_another_host(visitor, testland):
    response = visitor.get("/en/")
    assert "http://" not in response.text.replace('xmlns="http://', "")
    assert "https://" not in response.text


def test_countries_are_in_alphabetical_order_ignoring_accents(visitor):
    for name in ["Zambia", "Égypte", "Bénin"]:
        law = InstrumentFactory(jurisdiction=CountryFactory(name_fr=name, name_en=name))
        DevelopmentFactory(instrument=law, development_type=DevelopmentType.ADOPTED)
    text = visitor.get("/fr/").text
    assert text.index("Bénin") < text.index("Égypte") < text.index("Zambia")
