"""The printable brief in a real browser, JavaScript off: accessible (axe, WCAG 2.2 AA)
in each language, nothing asked of another host. SYNTHETIC data (factories.py), drawn
on the map where Honduras is so that the locator map is checked too."""

import pytest

from focus.core.tests.browser import axe_violations

from .factories import synthetic_testland

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def country():
    return synthetic_testland(code="HND")


def test_the_printable_brief_works_without_javascript_and_asks_no_other_host(
    browser_page, live_server, country
):
    page = browser_page.page
    response = page.goto(f"{live_server.url}/en/countries/hnd/brief/")
    assert response.status == 200
    assert page.locator("h1").inner_text().replace("\n", " ") == "Country brief Testland"
    assert page.locator("svg.locator").is_visible()
    assert browser_page.other_hosts(live_server.url) == set()
    page.get_by_role("link", name="Download the brief (PDF)").is_visible()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_printable_brief_is_accessible(chromium, live_server, country, language):
    for width in (1280, 360):
        context = chromium.new_context(
            java_script_enabled=True, viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/countries/hnd/brief/")
        assert page.locator("html").get_attribute("lang") == language
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (width, overflow)
        assert axe_violations(page) == [], (language, width)
        context.close()


def test_printing_the_page_leaves_out_the_site_around_the_brief(chromium, live_server, country):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/countries/hnd/brief/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".brief-actions").is_visible()
    assert page.locator(".brief h1").is_visible()
    pdf = page.pdf(format="A4")  # the browser's own print, as a visitor would
    assert pdf.startswith(b"%PDF")
    context.close()
