"""A visitor's journey through the real dataset in Debian's chromium, JavaScript off:
map → Mexico → its 2012 law → another language → the timeline, filtered. Each main page is also
checked with axe-core, at phone width, and saved as a screenshot to var/screenshots/."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from focus.core.tests.browser import axe_violations
from focus.geo.models import Jurisdiction
from focus.policies.lifecycle import DevelopmentType

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
SHARED_TEXTS = Path(__file__).resolve().parents[4] / "shared" / "data" / "texts"
SHARED_UPR = SHARED_TEXTS.parent / "upr_info"


@pytest.fixture
def real_data():
    call_command("load_seed", verbosity=0)
    if SHARED_TEXTS.is_dir():  # third-party texts, imported by path (never committed)
        call_command("import_texts", SHARED_TEXTS, verbosity=0)
    if SHARED_UPR.is_dir():  # UPR Info's export, likewise
        call_command("import_upr_info", SHARED_UPR, verbosity=0)


LAW = "mex-dof-25-06-2012"  # Mexico's 2012 federal law on defenders and journalists


def test_a_visitor_reads_the_real_data(chromium, browser_page, live_server, real_data):
    """Loading the real data takes most of a minute: one load serves every check."""
    for language, then in (("en", "es"), ("es", "fr"), ("fr", "en")):
        _from_the_map_to_a_law_and_its_timeline(browser_page, live_server, language, then)
    _main_pages_are_accessible_fit_a_phone_and_ask_no_other_host(chromium, live_server)


def _from_the_map_to_a_law_and_its_timeline(browser_page, live_server, language, then):
    page = browser_page.page
    page.goto(f"{live_server.url}/{language}/")
    page.locator(f'svg.map a[href="/{language}/countries/mex/"]').click()
    assert page.url == f"{live_server.url}/{language}/countries/mex/"
    with translation.override(language):
        assert page.get_by_role("heading", level=1).inner_text() == str(
            Jurisdiction.objects.get(code="MEX").name
        )

    page.locator(f'#instruments a[href="/{language}/instruments/{LAW}/"]').click()
    assert page.url.endswith(f"/{language}/instruments/{LAW}/")
    assert "2012" in page.locator(".status-timeline").inner_text()

    page.locator(f'.languages a[hreflang="{then}"]').click()
    assert page.url.endswith(f"/{then}/instruments/{LAW}/")
    assert page.locator("html").get_attribute("lang") == then

    page.locator(f'.site-nav a[href="/{then}/developments/"]').click()
    page.locator("select[name=country]").select_option("MEX")
    page.locator("select[name=type]").select_option("adopted")
    # Wait for the filtered page itself, not only for its address (CI once counted the
    # results of a page still loading).
    with page.expect_navigation(wait_until="load"):
        page.locator("form.filters button[type=submit]").click()
    assert "country=MEX" in page.url and "type=adopted" in page.url
    with translation.override(then):
        adopted = str(DevelopmentType.ADOPTED.label).capitalize()
    results = page.locator("ol.developments > li")
    assert results.count() > 0
    for i in range(results.count()):
        assert results.nth(i).locator(".dtype").inner_text() == adopted
    assert browser_page.other_hosts(live_server.url) == set()


PAGES = {
    "home": "/en/",
    "home-2012": "/es/?on=2012-12-31",
    "country": "/es/countries/mex/",
    "instrument": "/en/instruments/mex-dof-25-06-2012/",
    "mechanism": "/fr/mechanisms/mex-mecanismo/",
    "timeline": "/en/developments/?country=col",
    "region": "/fr/regions/africa/",
    "library": "/es/library/?country=mex",
    "search": "/fr/search/?q=protection+journalistes",
    "not-found": "/es/countries/zzz/",
    "open-data": "/fr/data/",
    "data-dictionary": "/es/data/dictionary/",
    "standards": "/fr/standards/",
    "standard": "/en/standards/undhrd/",
    "framework": "/es/standards/frameworks/pi-key-elements/",
    "criterion": "/fr/standards/frameworks/ishr-model-law/ML-09/",
    "compare": "/en/compare/?framework=ishr-model-law&region=americas",
    "recommendations": "/es/recommendations/?country=hnd",
    "good-practices": "/fr/good-practices/",
    "trends": "/es/trends/",
}
if SHARED_TEXTS.is_dir():
    PAGES["document"] = "/en/library/mex-ley-2012/?q=medidas+urgentes"


def _main_pages_are_accessible_fit_a_phone_and_ask_no_other_host(chromium, live_server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    axe_context = chromium.new_context()
    axe_page = axe_context.new_page()
    for width, height in ((1280, 900), (360, 740)):
        context = chromium.new_context(
            java_script_enabled=False, viewport={"width": width, "height": height}
        )
        axe_page.set_viewport_size({"width": width, "height": height})
        page = context.new_page()
        hosts: set[str] = set()
        page.on("request", lambda request, hosts=hosts: hosts.add(request.url.split("/")[2]))
        for name, path in PAGES.items():
            page.goto(live_server.url + path)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            if width == 360:
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    problems[f"{name} at 360 px"] = f"{overflow} px of sideways scrolling"
            axe_page.goto(live_server.url + path)
            violations = axe_violations(axe_page)
            if violations:
                problems[f"{name} at {width} px"] = violations
        context.close()
        assert hosts == {live_server.url.split("/")[2]}
    axe_context.close()
    assert not problems, problems
