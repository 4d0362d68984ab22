"""The parliamentarian's path in a real browser with JavaScript off, in English, Spanish
and French: she applies to MPforHRD, a moderator (signed in with an authenticator code)
accepts her, she finds the bill under debate in her country with what she can do,
pledges on a call to act, and is e-mailed the next one. The members' pages pass axe's
WCAG 2.2 AA checks. Every person, bill and text is SYNTHETIC."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from focus.accounts.tests.factories import add_totp, totp_code, verify_email
from focus.core.dates import DatePrecision
from focus.core.tests.browser import axe_violations
from focus.geo.tests.factories import CountryFactory
from focus.network.models import Member, Network, Pledge
from focus.network.vocabulary import MembershipStatus, NetworkKind, Role
from focus.policies.lifecycle import DevelopmentType
from focus.policies.tests.factories import DevelopmentFactory, InstrumentFactory
from focus.policies.vocabulary import InstrumentType, Status

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
PASSWORD = "a long passphrase for a synthetic person"


@pytest.fixture
def mpforhrd(django_user_model):
    network = Network.objects.create(
        slug="mpforhrd", name_en="Synthetic MPforHRD", kind=NetworkKind.PARLIAMENTARY
    )
    country = CountryFactory(name_en="Northland", name_es="Nortelandia", name_fr="Nordland")
    bill = InstrumentFactory(
        jurisdiction=country,
        title_en="Synthetic defenders protection bill",
        instrument_type=InstrumentType.DRAFT_BILL,
    )
    DevelopmentFactory(
        instrument=bill,
        development_type=DevelopmentType.BILL_INTRODUCED,
        date=dt.date(2026, 3, 10),
        date_precision=DatePrecision.DAY,
    )
    moderator = django_user_model.objects.create_user(
        "moderator", email="moderator@example.org", password=PASSWORD
    )
    verify_email(moderator)
    moderator.totp_secret = add_totp(moderator)
    Member.objects.create(
        network=network,
        user=moderator,
        display_name="Synthetic Moderator",
        country=country,
        role=Role.MODERATOR,
        status=MembershipStatus.ACTIVE,
    )
    mp = django_user_model.objects.create_user("ines", email="ines@example.org", password=PASSWORD)
    verify_email(mp)
    return {"country": country, "bill": bill, "moderator": moderator}


def _sign_in(page, base, language, username, secret=None):
    page.goto(f"{base}/{language}/accounts/login/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    if secret:
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_load_state()


def _submit(page, inside: str = "main form[method=post]"):
    page.locator(f"{inside} button[type=submit]").first.click()


def _call_to_act(page, base, language, title, country):
    page.goto(f"{base}/{language}/networks/mpforhrd/space/actions/new/")
    page.fill("#id_title", title)
    page.fill("#id_situation", "Synthetic situation: a defender is threatened.")
    page.check("input[name=asks][value=letter]")
    page.check("input[name=asks][value=question]")
    page.select_option("#id_country", str(country.pk))
    _submit(page)


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"network-{name}.png", full_page=True)


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_parliamentarian_joins_finds_her_bill_pledges_and_is_told_of_the_next_call(
    chromium, browser_page, live_server, mpforhrd, language
):
    base, country = live_server.url, mpforhrd["country"]
    with translation.override(language):
        under_debate = str(Status.UNDER_DEBATE.label)
        question = gettext("Put a question to the minister responsible.")
    ines = browser_page.page
    _sign_in(ines, base, language, "ines")
    ines.goto(f"{base}/{language}/networks/mpforhrd/")
    ines.locator("main a[href$='/networks/mpforhrd/apply/']").click()
    ines.select_option("#id_country", str(country.pk))
    ines.fill("#id_display_name", "Synthetic Inés")
    ines.fill("#id_parliament", "Synthetic National Assembly")
    ines.fill("#id_motivation", "Synthetic: I sit on the human rights committee.")
    _submit(ines)
    assert Member.objects.get(user__username="ines").status == MembershipStatus.APPLIED
    # Not a member yet: the members' space does not exist for her.
    assert ines.goto(f"{base}/{language}/networks/mpforhrd/space/").status == 404

    context = chromium.new_context(java_script_enabled=False)
    moderator = context.new_page()
    _sign_in(moderator, base, language, "moderator", mpforhrd["moderator"].totp_secret)
    moderator.goto(f"{base}/{language}/networks/mpforhrd/space/")
    assert "Synthetic: I sit on the human rights committee." in moderator.inner_text("main")
    moderator.locator("button[name=decision][value=accept]").click()
    assert Member.objects.get(user__username="ines").status == MembershipStatus.ACTIVE
    assert [m.to for m in mail.outbox] == [["ines@example.org"]]

    # The bill under debate in her country, with what she can do at this stage.
    ines.goto(f"{base}/{language}/networks/mpforhrd/space/")
    ines.locator("nav.toc a[href$='/space/bills/']").click()
    bill = ines.locator("article.bill", has_text="Synthetic defenders protection bill")
    assert under_debate in bill.inner_text()
    assert question in bill.inner_text()
    _shot(ines, f"bills-{language}")

    _call_to_act(moderator, base, language, "Synthetic call: the bill's second reading", country)
    ines.goto(f"{base}/{language}/networks/mpforhrd/space/")
    ines.locator("main a", has_text="Synthetic call: the bill's second reading").click()
    ines.select_option("#id_pledge-kind", "question")
    ines.fill("#id_pledge-note", "Synthetic: I will table it on Tuesday.")
    _submit(ines, "form:has(#id_pledge-kind)")
    assert Pledge.objects.get().member.user.username == "ines"
    assert "Synthetic Inés" in ines.inner_text("#pledges")
    assert "Synthetic: I will table it on Tuesday." in ines.inner_text("#pledges")
    _shot(ines, f"action-{language}")

    mail.outbox.clear()
    _call_to_act(moderator, base, language, "Synthetic call: a defender detained", country)
    assert [m.to for m in mail.outbox] == [["ines@example.org"]]
    assert "Synthetic call: a defender detained" in mail.outbox[0].subject
    assert f"{settings.SITE_URL}/{language}/networks/mpforhrd/space/actions/" in (
        mail.outbox[0].body
    )
    assert browser_page.other_hosts(base) == set()
    context.close()

    # The pages she used pass axe (a context with JavaScript on, for axe alone).
    checked = chromium.new_context(java_script_enabled=True)
    page = checked.new_page()
    _sign_in(page, base, language, "ines")
    action = Pledge.objects.get().action
    for path in ("space/", "space/bills/", f"space/actions/{action.pk}/", "apply/"):
        page.goto(f"{base}/{language}/networks/mpforhrd/{path}")
        assert axe_violations(page) == [], path
    checked.close()
