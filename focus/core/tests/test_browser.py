"""The home page as a visitor sees it in a real browser with JavaScript off."""

import datetime as dt

import pytest

from focus.geo.tests.factories import CountryFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def observatory():
    country = CountryFactory(name_en="Testland", name_es="Tierra de Prueba", name_fr="Pays d'essai")
    law = InstrumentFactory(jurisdiction=country)
    DevelopmentFactory(
        instrument=law, development_type=DevelopmentType.ADOPTED, date=dt.date(2014, 6, 20)
    )
    return country


def test_home_works_without_javascript_and_asks_no_other_host(
    browser_page, live_server, observatory
):
    page = browser_page.page
    response = page.goto(f"{live_server.url}/en/")
    assert response.status == 200
    listed = page.locator("#countries-by-category h3", has_text="Specific law in force")
    assert listed.count() == 1
    assert page.locator("#countries-by-category a", has_text="Testland").is_visible()
    assert browser_page.other_hosts(live_server.url) == set()
    css = [url for url in browser_page.requests if url.endswith(".css")]
    assert css, "the stylesheet was requested"


def test_the_language_switcher_keeps_the_visitor_on_the_page(
    browser_page, live_server, observatory
):
    page = browser_page.page
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="español").click()
    assert page.url.endswith("/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#countries-by-category a", has_text="Tierra de Prueba").is_visible()
    assert page.locator("#countries-by-category h3", has_text="Ley específica vigente").count()


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(
    browser_page, live_server, observatory
):
    page = browser_page.page
    page.goto(f"{live_server.url}/fr/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_home_fits_a_360_pixel_phone_without_sideways_scrolling(
    chromium, live_server, observatory, language
):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_printing_leaves_out_navigation_and_forms_and_shows_where_sources_lead(
    browser_page, live_server, observatory
):
    page = browser_page.page
    page.goto(f"{live_server.url}/en/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".map-controls").is_visible()
    assert page.locator("svg.map").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".site-nav").is_visible()


def test_the_map_can_be_used_with_the_keyboard(browser_page, live_server):
    CountryFactory(code="MEX", iso_alpha2="MX", name_en="Mexico")
    page = browser_page.page
    page.goto(f"{live_server.url}/en/")
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.getAttribute('href')"))
        if page.evaluate("document.activeElement.closest('svg.map') !== null"):
            break
    else:
        pytest.fail(f"Tab never reached a country of the map: {focused}")
    # Just before the map, a link lets keyboard users skip its countries.
    assert focused[-2] == "#countries-by-category"
    page.locator('svg.map a[href="/en/countries/mex/"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/en/countries/mex/")
