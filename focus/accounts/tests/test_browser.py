"""A new editor's first sign-in in Debian's chromium with JavaScript off: password, then
the queue sends them to add an authenticator app, whose QR code shows under the site's
strict policy; with the code typed in, the queue opens. Screenshots go to var/screenshots/."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from focus.accounts.tests.factories import totp_code, verify_email
from focus.core.roles import EDITORS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
PASSWORD = "a long passphrase for the editor"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"accounts-{name}.png", full_page=True)


def test_a_new_editor_adds_an_authenticator_app_without_javascript(
    browser_page, live_server, django_user_model
):
    user = django_user_model.objects.create_user(
        "esther", email="esther@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    verify_email(user)
    base = live_server.url
    page = browser_page.page
    errors = []  # a policy violation shows as a console error, even with JavaScript off
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{base}/en/accounts/login/?next=/en/contribute/queue/")
    page.locator("input[name=login]").fill("esther@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Sent on from the queue: the password again, then the authenticator app.
    assert page.url.startswith(f"{base}/en/accounts/reauthenticate/")
    assert "must use two-factor authentication" in page.locator(".account-bar").inner_text()
    _shot(page, "reauthenticate")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    assert page.url == f"{base}/en/accounts/2fa/totp/activate/"
    qr = page.locator("main img")
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert qr.evaluate("image => image.naturalWidth") > 0  # shown, not blocked
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    _shot(page, "activate-totp")
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    assert page.url == f"{base}/en/accounts/2fa/recovery-codes/"
    codes = page.locator("textarea#recovery_codes").input_value().split()
    assert len(codes) == 10
    _shot(page, "recovery-codes")

    page.goto(f"{base}/en/contribute/queue/")
    assert page.get_by_role("heading", level=1).inner_text() == "Contributions to review"
    page.goto(f"{base}/en/accounts/contributions/")
    _shot(page, "my-contributions")
    assert errors == []
    assert browser_page.other_hosts(base) == set()
