"""An analyst imports a file of killings in Debian's chromium with JavaScript off: signs
in with a password and an authenticator code, uploads the file, maps its columns and the
values no rule recognised, previews, writes; the background worker writes the cases and
counts the trends, which a visitor then reads. Screenshots go to var/screenshots/.

The rows are SYNTHETIC (made-up names in Global Witness's published columns)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from focus.accounts.tests.factories import add_totp, totp_code, verify_email
from focus.core.roles import ANALYSTS
from focus.core.seeding import load_file
from focus.geo import seeding as geo_seeding
from focus.incidents.models import CaseImport, Incident

from .test_import import HEADER, as_csv, synthetic_rows

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
PASSWORD = "a long passphrase for the analyst"


@pytest.fixture
def analyst(django_user_model):
    for name, parse, model, key in geo_seeding.FILES:
        load_file(geo_seeding.SEED / name, parse, model, key)
    user = django_user_model.objects.create_user("ana", email="ana@example.org", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    verify_email(user)
    user.totp_secret = add_totp(user)
    return user


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"import-{name}.png", full_page=True)


def _select_by_label(page, label: str, value: str):
    page.get_by_label(label, exact=True).select_option(value)


def test_an_analyst_imports_a_file_of_killings_with_javascript_off(
    browser_page, live_server, analyst, tmp_path, monkeypatch
):
    base = live_server.url
    page = browser_page.page
    page.goto(f"{base}/en/accounts/login/")
    page.locator("input[name=login]").fill("ana")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.locator("input[name=code]").fill(totp_code(analyst.totp_secret))
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"{base}/cases/incidents/caseimport/")
    page.get_by_role("link", name="Import cases from a CSV file").click()
    path = tmp_path / "killings.csv"
    path.write_bytes(as_csv(HEADER, synthetic_rows()))
    page.locator("input[name=file]").set_input_files(path)
    _shot(page, "1-upload")
    page.get_by_role("button", name="Read the file").click()

    # Columns: the published names are recognised; two are mapped by hand.
    assert page.get_by_label("date", exact=True).input_value() == "date"
    _select_by_label(page, "person_characteristics", "profile")
    _select_by_label(page, "industry_driver", "narrative")
    page.locator("select[name=default_act]").select_option("killing")
    page.get_by_label("Source of the file").fill("Synthetic file in published columns")
    _shot(page, "2-columns")
    page.get_by_role("button", name="Next: the values").click()

    # Values: sure guesses are chosen, the others are asked.
    assert "2 values need your choice" in page.locator("#content").inner_text()
    page.get_by_role("button", name="Next: the preview").click()
    assert "Choose what every value marked below means" in page.locator("#content").inner_text()
    _select_by_label(page, "Hitmen", "organised_crime")
    _select_by_label(page, "Small-scale farmer", "land_environment")
    _shot(page, "3-values")
    page.get_by_role("button", name="Next: the preview").click()

    text = page.locator("#content").inner_text()
    assert "To be written: 25 incidents, with 25 victims" in text
    _shot(page, "4-preview")
    page.get_by_role("button", name="Write 25 incidents").click()
    assert "waiting to be written" in page.locator("#content").inner_text().lower()
    _shot(page, "5-queued")

    # The background worker writes the cases, then counts the trends.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert CaseImport.objects.get().status == CaseImport.Status.DONE
    assert Incident.objects.count() == 25
    page.reload()
    assert "Incidents written\n25" in page.locator("#content").inner_text()
    _shot(page, "6-done")

    visitor = browser_page.page.context.browser.new_context(java_script_enabled=False).new_page()
    visitor.goto(f"{base}/en/trends/")
    table = visitor.locator("main").inner_text()
    assert "Colombia" in table and "Synthetic Person" not in table
    assert browser_page.other_hosts(base) == set()
