"""The whole path of a contribution in Debian's chromium with JavaScript off: a visitor
sends news without an account and keeps the receipt; an editor signs in with a password
and an authenticator code, opens the queue and accepts it; the country's page shows it
and the receipt says it was published. Then a correction, with its field-by-field diff.
Screenshots of the main steps go to var/screenshots/."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from focus.accounts.tests.factories import add_totp, totp_code, verify_email
from focus.core.roles import EDITORS
from focus.core.tests.browser import RecordedPage
from focus.policies.tests.factories import InstrumentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
PASSWORD = "a long passphrase for the editor"
NEWS = "The state congress of Veracruz adopted a law to protect defenders."


@pytest.fixture
def mexico(mexico):
    InstrumentFactory(jurisdiction=mexico, slug="mex-law", title_en="Law on defenders")
    return mexico


@pytest.fixture
def editor(django_user_model):
    """A new editor, with a confirmed e-mail address and an authenticator app."""
    user = django_user_model.objects.create_user(
        "esther", email="esther@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    verify_email(user)
    user.totp_secret = add_totp(user)
    return user


@pytest.fixture
def editor_page(chromium):
    """The editor's own browser, beside the visitor's."""
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield RecordedPage(context.new_page())
    context.close()


def _console_errors(*pages) -> list[str]:
    """Errors the browser reports, a refused policy among them (even with JavaScript off)."""
    errors: list[str] = []
    for page in pages:
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"contribution-{name}.png", full_page=True)


def _sign_in_with_totp(page, base, editor):
    page.goto(f"{base}/en/accounts/login/")
    _shot(page, "sign-in")
    page.locator("input[name=login]").fill("esther")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    assert page.url == f"{base}/en/accounts/2fa/authenticate/"
    page.locator("input[name=code]").fill(totp_code(editor.totp_secret))
    _shot(page, "sign-in-code")
    page.get_by_role("button", name="Sign In").click()
    assert "/2fa/" not in page.url


def _open_in_queue(page, base):
    page.goto(f"{base}/en/contribute/queue/")
    assert page.get_by_role("heading", level=1).inner_text() == "Contributions to review"
    _shot(page, "queue")
    page.locator("table.queue tbody a").first.click()
    assert re.search(r"/en/contribute/queue/\d+/$", page.url), page.url


def test_news_sent_without_an_account_is_accepted_by_an_editor_with_two_factors(
    browser_page, editor_page, live_server, mexico, editor
):
    base = live_server.url
    visitor = browser_page.page
    errors = _console_errors(visitor, editor_page.page)
    visitor.goto(f"{base}/en/contribute/development/")
    visitor.locator("select[name=country]").select_option("MEX")
    visitor.locator("select[name=development_type]").select_option("adopted")
    visitor.locator("input[name=date]").fill("2024-03")
    visitor.locator("[name=concerns]").fill("Ley de protección de Veracruz")
    visitor.locator("textarea[name=summary]").fill(NEWS)
    visitor.locator("textarea[name=sources]").fill("https://www.legisver.gob.mx/leyes/ley-123")
    visitor.locator("input[name=consent]").check()
    visitor.get_by_role("button", name="Send").click()
    assert re.search(r"/en/contribute/status/[\w-]{24,}/\?new=1$", visitor.url), visitor.url
    receipt = visitor.locator("code.receipt").inner_text()
    assert receipt == visitor.url.removesuffix("?new=1")
    _shot(visitor, "receipt")

    page = editor_page.page
    _sign_in_with_totp(page, base, editor)
    _open_in_queue(page, base)
    assert NEWS in page.locator("main").inner_text()
    _shot(page, "review")
    page.get_by_role("button", name="Accept and publish").click()
    assert "Accepted" in page.locator("main").inner_text()

    visitor.goto(f"{base}/en/countries/mex/")
    assert NEWS in visitor.locator("main").inner_text()
    visitor.goto(receipt)
    assert "It has been published" in visitor.locator("main").inner_text()
    _shot(visitor, "receipt-published")
    assert errors == []
    assert browser_page.other_hosts(base) == set()
    assert editor_page.other_hosts(base) == set()


def test_a_correction_shows_its_diff_to_the_editor_and_changes_the_record(
    browser_page, editor_page, live_server, mexico, editor
):
    base = live_server.url
    visitor = browser_page.page
    errors = _console_errors(visitor, editor_page.page)
    visitor.goto(f"{base}/en/instruments/mex-law/")
    visitor.get_by_role("link", name="Suggest a correction").click()
    title = visitor.locator("[name=field_title_en]")
    assert title.input_value() == "Law on defenders"
    title.fill("Law for the Protection of Human Rights Defenders")
    visitor.locator("[name=explanation]").fill("The official title is longer.")
    visitor.locator("textarea[name=sources]").fill("https://www.dof.gob.mx/ley-1")
    visitor.locator("input[name=consent]").check()
    visitor.get_by_role("button", name="Send").click()
    assert "/en/contribute/status/" in visitor.url

    page = editor_page.page
    _sign_in_with_totp(page, base, editor)
    _open_in_queue(page, base)
    diff = page.locator("table.diff")
    assert diff.locator("del").inner_text() == "Law on defenders"
    assert diff.locator("ins").inner_text() == "Law for the Protection of Human Rights Defenders"
    _shot(page, "correction-diff")
    page.get_by_role("button", name="Accept and publish").click()

    visitor.goto(f"{base}/en/instruments/mex-law/")
    heading = visitor.get_by_role("heading", level=1).inner_text()
    assert heading == "Law for the Protection of Human Rights Defenders"
    assert errors == []
    assert browser_page.other_hosts(base) == set()
    assert editor_page.other_hosts(base) == set()
