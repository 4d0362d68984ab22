"""The home page: the world map of public policies, now or on a past date, with the same
facts as plain lists, the changes of the last 12 months and the latest developments."""

import datetime as dt
import re

import pytest

from focus.geo.tests.factories import CountryFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexico():
    """A country with a real code (so that it is on the map) and synthetic records."""
    country = CountryFactory(
        code="MEX", iso_alpha2="MX", name_en="Mexico", name_es="México", name_fr="Mexique"
    )
    law = InstrumentFactory(jurisdiction=country, title_en="Test protection law")
    DevelopmentFactory(
        instrument=law, development_type=DevelopmentType.ADOPTED, date=dt.date(2012, 4, 30)
    )
    return country


def _map_link(text: str, code: str) -> str:
    match = re.search(
        rf'<a href="(/\w\w/countries/{code}/)"><title>([^<]*)</title><(\w+) class="([^"]+)"', text
    )
    assert match, f"no map link for {code}"
    return match.groups()


def test_root_redirects_to_a_language(visitor):
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize(
    ("language", "name", "category"),
    [
        ("en", "Mexico", "specific law in force"),
        ("es", "México", "ley específica vigente"),
        ("fr", "Mexique", "loi spécifique en vigueur"),
    ],
)
def test_the_map_links_each_country_to_its_page_coloured_by_its_category(
    visitor, mexico, language, name, category
):
    response = visitor.get(f"/{language}/")
    assert response.status_code == 200
    href, title, _, css_class = _map_link(response.text, "mex")
    assert href == f"/{language}/countries/mex/"
    assert title == f"{name}: {category}"
    assert css_class == "c-specific_law"
    assert visitor.get(href).status_code == 200


def test_small_states_are_dots_that_stay_clickable(visitor):
    CountryFactory(code="MCO", iso_alpha2="MC", name_en="Monaco")
    _, title, element, _ = _map_link(visitor.get("/en/").text, "mco")
    assert element == "circle"
    assert title == "Monaco: no specific framework known"


def test_the_same_facts_are_listed_as_text_beside_the_map(visitor, mexico):
    CountryFactory(name_en="Emptyland")
    text = visitor.get("/en/").text
    section = text[text.index('id="countries-by-category"') :]
    law_list = section[section.index("Specific law in force") : section.index("</ul>")]
    assert ">Mexico</a>" in law_list
    assert "Emptyland" not in section
    assert "<strong>1</strong> country: specific law in force" in text


def test_the_map_on_a_past_date_shows_the_world_as_it_stood(visitor, mexico):
    before = visitor.get("/en/?on=2011-12-31")
    assert before.status_code == 200
    assert _map_link(before.text, "mex")[3] == "c-none_known"
    assert "The world as it stood on Dec. 31, 2011" in before.text
    after = visitor.get("/en/?on=2012-05-01")
    assert _map_link(after.text, "mex")[3] == "c-specific_law"


def test_the_year_selector_is_a_plain_form_that_keeps_the_chosen_year(visitor, mexico):
    text = visitor.get("/en/?on=2015-12-31").text
    assert '<form method="get" action="/en/"' in text
    assert '<option value="2015-12-31" selected>2015</option>' in text


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        ("on=2012-13-01", "en", "“2012-13-01” is not a date"),
        ("on=yesterday", "es", "«yesterday» no es una fecha"),
        ("on=1850-01-01", "fr", "Choisissez une date entre 1900-01-01 et aujourd’hui"),
        (f"on={dt.date.today() + dt.timedelta(days=2)}", "en", "Choose a date between"),
    ],
)
def test_a_bad_date_is_a_400_that_says_why_in_the_visitors_language(
    visitor, query, language, message
):
    response = visitor.get(f"/{language}/?{query}")
    assert response.status_code == 400
    assert f'lang="{language}"' in response.text
    assert message in response.text


def test_changes_of_the_last_12_months_are_listed(visitor, mexico):
    other = CountryFactory(name_en="Recentland")
    law = InstrumentFactory(jurisdiction=other)
    DevelopmentFactory(
        instrument=law,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date.today() - dt.timedelta(days=30),
    )
    text = visitor.get("/en/").text
    changes = text[text.index('id="changes"') : text.index('id="latest"')]
    assert "Recentland</a>: no specific framework known → <strong>specific law in force" in changes
    assert "Mexico" not in changes


def test_latest_developments_come_newest_first_and_link_their_instrument(visitor, mexico):
    law = InstrumentFactory(jurisdiction=mexico, title_en="Newer protection decree")
    DevelopmentFactory(instrument=law, date=dt.date(2020, 1, 1), summary_en="A newer event.")
    text = visitor.get("/en/").text
    latest = text[text.index('id="latest"') :]
    assert latest.index("A newer event.") < latest.index("Synthetic development")
    assert f'href="{law.get_absolute_url()}"' in latest


def test_home_answers_head_and_refuses_post(visitor, mexico):
    assert visitor.head("/en/").status_code == 200
    assert visitor.post("/en/").status_code == 405


def test_countries_are_in_alphabetical_order_ignoring_accents(visitor):
    for name in ["Zambia", "Égypte", "Bénin"]:
        law = InstrumentFactory(jurisdiction=CountryFactory(name_fr=name, name_en=name))
        DevelopmentFactory(instrument=law, development_type=DevelopmentType.ADOPTED)
    text = visitor.get("/fr/").text
    assert text.index("Bénin") < text.index("Égypte") < text.index("Zambia")
