"""The annual report's page with JavaScript off and under axe's WCAG 2.2 AA checks, in
English, Spanish and French. The records are SYNTHETIC."""

import datetime as dt

import pytest

from focus.core.tests.browser import axe_violations
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory
from focus.reports import annual
from focus.reports.models import AnnualReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def published_2024():
    country = CountryFactory(name_en="Northland", region=RegionFactory(code="africa"))
    law = InstrumentFactory(jurisdiction=country, title_en="Synthetic defenders law")
    DevelopmentFactory(
        instrument=law,
        jurisdiction=country,
        development_type=DevelopmentType.ADOPTED,
        date=dt.date(2024, 4, 2),
        date_precision="day",
    )
    report = AnnualReport.objects.create(year=2024, introduction_en="Synthetic introduction.")
    annual.publish(report, None)
    return report


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_report_reads_without_javascript_and_passes_axe(
    chromium, browser_page, live_server, published_2024, language
):
    page = browser_page.page
    page.goto(f"{live_server.url}/{language}/reports/")
    page.locator(f"main a[href='/{language}/reports/2024/']").click()
    assert "Synthetic defenders law" in page.inner_text("#adopted")
    assert page.locator(".two-maps svg").count() == 2
    assert browser_page.other_hosts(live_server.url) == set()
    checked = chromium.new_context(java_script_enabled=True)
    axe_page = checked.new_page()
    for path in ("reports/", "reports/2024/"):
        axe_page.goto(f"{live_server.url}/{language}/{path}")
        assert axe_violations(axe_page) == [], path
    checked.close()
