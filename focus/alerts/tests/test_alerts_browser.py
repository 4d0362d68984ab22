"""Alerts in a real browser with JavaScript off: from a country's page, following it,
confirming by the e-mailed link, receiving the next development, and leaving; and the
alerts' pages pass axe's WCAG 2.2 AA checks on a phone, in English, Spanish and French.
The country, the law and the visitor are SYNTHETIC."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import translation

from focus.alerts import sending, services
from focus.alerts.models import Subscription
from focus.core.tests.browser import axe_violations
from focus.policies.tests.factories import DevelopmentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_following_a_country_from_its_page_confirming_and_leaving(browser_page, live_server, world):
    page = browser_page.page
    page.goto(f"{live_server.url}/es/countries/qma/")
    page.locator("main a[href^='/es/alerts/']").click()
    assert page.url.endswith("/es/alerts/?country=qma")
    assert page.is_checked("#country-QMA")
    assert page.is_checked("#id_language_1")  # Spanish, the page's language

    # The address is required: the browser's own check is bypassed (novalidate), the
    # server's message is shown, and the choices are kept.
    page.locator("form.alerts-form button[type=submit]").click()
    assert page.locator("#id_email-error").is_visible()
    assert page.is_checked("#country-QMA")
    page.fill("#id_email", "ana@example.org")
    page.locator("form.alerts-form button[type=submit]").click()
    assert page.url.endswith("/es/alerts/sent/")
    assert Subscription.objects.get().confirmed is None

    [message] = mail.outbox
    path = re.search(r"http://[^/\s]+(/es/alerts/confirm/\S+/)", message.body).group(1)
    page.goto(live_server.url + path)
    assert Subscription.objects.get().confirmed is None  # opening the link is not enough
    page.locator("main button[type=submit]").click()
    assert "/es/alerts/manage/" in page.url and "done=confirmed" in page.url
    assert page.is_checked("#country-QMA")
    subscription = Subscription.objects.get()
    assert subscription.confirmed is not None and subscription.language == "es"

    DevelopmentFactory(instrument=world.law, summary_es="Sintético: se aprobó la ley.")
    mail.outbox.clear()
    assert sending.send_alerts().messages == 1
    [alert] = mail.outbox
    assert "Sintético: se aprobó la ley." in alert.body
    link = re.search(r"http://[^/\s]+(/es/instruments/testland-protection-law/#d\d+)", alert.body)
    page.goto(live_server.url + link.group(1))
    assert "Sintético: se aprobó la ley." in page.locator("main").inner_text()

    unsubscribe = re.search(r"http://[^/\s]+(/es/alerts/unsubscribe/\S+/)", alert.body).group(1)
    page.goto(live_server.url + unsubscribe)
    assert Subscription.objects.exists()
    page.locator("main button[type=submit]").click()
    assert not Subscription.objects.exists()
    assert browser_page.other_hosts(live_server.url) == set()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_alerts_pages_are_accessible_on_a_phone(chromium, live_server, world, language):
    subscription = Subscription(email="ana@example.org", language=language)
    subscription.save()
    subscription.countries.add(world.testland)
    with translation.override(language):
        confirm = f"/{language}/alerts/confirm/{services.confirmation_token(subscription)}/"
        manage = subscription.manage_path()
        unsubscribe = subscription.unsubscribe_path()
    context = chromium.new_context(java_script_enabled=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in (
        f"/{language}/alerts/",
        f"/{language}/alerts/?country=qma&instrument=testland-protection-law",
        f"/{language}/alerts/?q=protection&country=qma",
        f"/{language}/alerts/sent/",
        confirm,
        manage,
        unsubscribe,
    ):
        page.goto(live_server.url + path)
        _check(page, path)
    # A form sent with mistakes, and what follows a confirmation and an unsubscription.
    page.goto(live_server.url + f"/{language}/alerts/?country=qma")
    page.fill("#id_email", "not an address")
    with page.expect_navigation(wait_until="load"):
        page.locator("form.alerts-form button[type=submit]").click()
    _check(page, "form with errors")
    page.goto(live_server.url + confirm)
    with page.expect_navigation(wait_until="load"):
        page.locator("main button[type=submit]").click()
    _check(page, "confirmed")
    page.goto(live_server.url + unsubscribe)
    with page.expect_navigation(wait_until="load"):
        page.locator("main button[type=submit]").click()
    _check(page, "unsubscribed")
    page.goto(live_server.url + confirm)
    _check(page, "link of alerts that are gone")
    context.close()


def _check(page, path: str) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, (path, overflow)
    assert axe_violations(page) == [], path
