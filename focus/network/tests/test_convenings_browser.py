"""The convenings in a real browser with JavaScript off: from the list to an upcoming
convening, registering for a place, and cancelling by the e-mail's link; and the pages
pass axe's WCAG 2.2 AA checks on a phone, in English, Spanish and French. The convenings
and the participant are SYNTHETIC."""

import datetime as dt
import re

import pytest
from django.core import mail

from focus.core.tests.browser import axe_violations
from focus.network.models import Registration

from .factories import ConveningFactory, TopicFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def convenings():
    topic = TopicFactory(slug="women_hrds", name_en="women defenders", name_es="mujeres defensoras")
    upcoming = ConveningFactory(
        slug="synthetic-forum", title_en="Synthetic regional forum", registration_open=True,
        capacity=1, organisers="Synthetic NGO\nAnother Synthetic NGO",
    )  # fmt: skip
    upcoming.topics.add(topic)
    ConveningFactory(
        slug="synthetic-past", title_en="Synthetic past seminar", kind="seminar",
        start_date=dt.date(2013, 10, 9), end_date=dt.date(2013, 10, 11),
    )  # fmt: skip
    return upcoming


def test_from_the_list_to_a_convening_registering_and_cancelling(
    browser_page, live_server, convenings
):
    page = browser_page.page
    page.goto(f"{live_server.url}/en/")
    page.locator("footer a", has_text="Convenings").click()
    assert page.url.endswith("/en/convenings/")
    page.select_option("#id_topic", "women_hrds")
    page.locator("form.filters button[type=submit]").click()
    assert "topic=women_hrds" in page.url
    assert "Synthetic past seminar" not in page.locator("main").inner_text()
    page.locator("main a", has_text="Synthetic regional forum").click()
    assert page.url.endswith("/en/convenings/synthetic-forum/")
    assert page.locator("h1").inner_text() == "Synthetic regional forum"

    # The consent box is required: the browser's own check is bypassed (novalidate), the
    # server's message is shown, and what was typed is kept.
    page.fill("#id_name", "Synthetic Ana")
    page.fill("#id_email", "ana@example.org")
    page.locator("#register button[type=submit]").click()
    assert "Tick the box to agree" in page.locator("#register").inner_text()
    assert page.input_value("#id_email") == "ana@example.org"
    page.check("#id_consent")
    page.locator("#register button[type=submit]").click()
    assert page.url.endswith("/en/convenings/synthetic-forum/registered/")
    assert "check your e-mail" in page.locator("h1").inner_text()
    registration = Registration.objects.get()
    assert (registration.name, registration.status) == ("Synthetic Ana", "confirmed")

    # The convening is full now: the next person is told before registering.
    page.goto(f"{live_server.url}/en/convenings/synthetic-forum/")
    assert "The only place is taken." in page.locator("#register").inner_text()
    assert page.locator("#register button[type=submit]").inner_text() == "Join the waiting list"

    link = re.search(
        r"http://[^/\s]+(/en/convenings/registration/[0-9a-f-]+/)", mail.outbox[0].body
    )
    page.goto(live_server.url + link.group(1))
    assert "You have a place." in page.locator("main").inner_text()
    page.locator("main button[type=submit]", has_text="Cancel my registration").click()
    assert "This registration is cancelled." in page.locator("main").inner_text()
    assert Registration.objects.get().status == "cancelled"
    assert browser_page.other_hosts(live_server.url) == set()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_convenings_pages_are_accessible_on_a_phone(
    chromium, live_server, convenings, language
):
    context = chromium.new_context(java_script_enabled=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in (
        f"/{language}/convenings/",
        f"/{language}/convenings/?year=abc",
        f"/{language}/convenings/synthetic-forum/",
        f"/{language}/convenings/synthetic-past/",
        f"/{language}/convenings/synthetic-forum/registered/",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        assert axe_violations(page) == [], path
    context.close()
