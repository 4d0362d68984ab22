"""Accounts: contributors sign up with a verified e-mail address; editors and administrators
reach the admin and the queue only with two-factor authentication; five wrong passwords
lock the username (never the address) for an hour; a contributor sees their own
contributions."""

import datetime as dt
import re
from importlib import import_module
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import generate_totp_secret
from axes.models import AccessAttempt
from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from focus.accounts import sealing
from focus.accounts.tests.factories import add_totp, totp_code, verify_email
from focus.contributions.models import Contribution, Kind, Status
from focus.core.roles import ADMINISTRATORS, EDITORS, TRUSTED_CONTRIBUTORS
from focus.geo.tests.factories import CountryFactory, RegionFactory
from focus.policies.tests.factories import InstrumentFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for tests"
ACTIVATE_TOTP = "/en/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits and used TOTP codes live in the cache: each test starts without them."""
    cache.clear()
    yield
    cache.clear()


def _account(django_user_model, username, *, group=None, **extra):
    """An account whose e-mail address is confirmed."""
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    verify_email(user)
    return user


def _sign_in(client, login, password=PASSWORD):
    return client.post("/en/accounts/login/", {"login": login, "password": password})


def _policy(response) -> dict[str, str]:
    directives = (d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives if d[0]}


def _open_totp_activation(client):
    """Adding an authenticator asks for the password again first (allauth's default)."""
    asked = client.get(ACTIVATE_TOTP)
    assert asked.status_code == 302
    assert asked["Location"].startswith("/en/accounts/reauthenticate/")
    again = client.post(asked["Location"], {"password": PASSWORD})
    assert again["Location"] == ACTIVATE_TOTP
    page = client.get(ACTIVATE_TOTP)
    assert page.status_code == 200
    return page


def test_signing_up_needs_a_verified_email_address(client, django_user_model):
    form = client.get("/en/accounts/signup/")
    assert form.status_code == 200
    assert 'class="site-header"' in form.text  # in the site's layout
    response = client.post(
        "/en/accounts/signup/",
        {
            "username": "carmen",
            "email": "carmen@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "verification" in client.get(response["Location"]).text.lower()
    # Not signed in until the address is confirmed, even with the right password.
    assert client.get("/en/accounts/contributions/").status_code == 302
    other = Client()
    assert _sign_in(other, "carmen")["Location"] == "/en/accounts/confirm-email/"
    assert other.get("/en/accounts/contributions/").status_code == 302
    # The link in the e-mail confirms it.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["carmen@example.org"]
    link = re.search(r"https?://[^/\s]+(/en/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert client.get(link.group(1)).status_code == 200
    client.post(link.group(1))
    signed_in = Client()
    response = _sign_in(signed_in, "carmen@example.org")
    assert response["Location"] == "/en/accounts/contributions/"
    assert signed_in.get("/en/accounts/contributions/").status_code == 200
    # A contributor is not asked for a second factor; the queue is simply not theirs.
    assert signed_in.get("/en/contribute/queue/").status_code == 403


def test_account_pages_keep_the_strict_policy_and_only_the_qr_page_allows_data_images(
    client, django_user_model
):
    login = client.get("/en/accounts/login/")
    assert _policy(login)["default-src"] == "'none'"
    assert _policy(login)["img-src"] == "'self'"
    assert "unsafe-inline" not in login["Content-Security-Policy"]
    assert 'class="site-header"' in login.text and "<script" not in login.text
    _account(django_user_model, "dora")
    _sign_in(client, "dora")
    page = _open_totp_activation(client)
    assert _policy(page)["img-src"] == "'self' data:"
    assert 'src="data:image/svg+xml;base64,' in page.text
    for path in ["/en/accounts/contributions/", "/en/accounts/2fa/", "/en/"]:
        assert _policy(client.get(path))["img-src"] == "'self'", path


@pytest.mark.parametrize(
    "extra",
    [{"group": EDITORS}, {"group": ADMINISTRATORS}, {"is_superuser": True}, {"is_staff": True}],
    ids=["editor", "administrator", "superuser", "staff"],
)
def test_staff_without_an_authenticator_are_sent_to_add_one_first(django_user_model, extra):
    user = _account(django_user_model, "erin", **extra)
    client = Client()
    client.force_login(user)
    for path in ["/admin/", "/admin/policies/instrument/", "/en/contribute/queue/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ACTIVATE_TOTP, path
    assert client.get("/fr/contribute/queue/3/")["Location"] == "/fr/accounts/2fa/totp/activate/"
    # What they need to set it up, and to sign out, stays open.
    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.get("/en/accounts/logout/").status_code == 200
    assert client.get("/en/").status_code == 200


def test_an_editor_adds_an_authenticator_then_reaches_the_admin_and_the_queue(
    client, django_user_model
):
    user = _account(django_user_model, "erin", group=EDITORS, is_staff=True)
    assert _sign_in(client, "erin").status_code == 302
    warned = client.get("/en/contribute/queue/", follow=True)
    assert warned.redirect_chain[0][0] == ACTIVATE_TOTP
    assert "must use two-factor authentication" in warned.text
    page = _open_totp_activation(client)
    secret = re.search(r'value="([A-Z2-7]{32})"', page.text).group(1)
    wrong = client.post(ACTIVATE_TOTP, {"code": "000000"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.text
    activated = client.post(ACTIVATE_TOTP, {"code": totp_code(secret)})
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()
    assert client.get("/en/contribute/queue/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_an_editor_with_an_authenticator_signs_in_with_password_then_code(django_user_model):
    user = _account(django_user_model, "erin", group=EDITORS, is_staff=True)
    secret = add_totp(user)
    client = Client()
    response = _sign_in(client, "erin")
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    # The password alone does not sign in.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    wrong = client.post("/en/accounts/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.text
    right = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/en/contribute/queue/").status_code == 200


def _signs_in_with_code(username: str, secret: str) -> bool:
    client = Client()
    assert _sign_in(client, username)["Location"] == "/en/accounts/2fa/authenticate/"
    answer = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    return answer.status_code == 302 and client.get("/admin/").status_code == 200


def test_authenticator_secrets_are_sealed_in_the_database(django_user_model):
    user = _account(django_user_model, "erin", group=EDITORS, is_staff=True)
    secret = add_totp(user)
    RecoveryCodes.activate(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s", [user.pk])
        stored = " ".join(str(row[0]) for row in cursor.fetchall())
    assert secret not in stored and stored.count(sealing.PREFIX) == 2
    codes = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
    assert codes.validate_code(codes.get_unused_codes()[0])
    assert _signs_in_with_code("erin", secret)


def test_the_keys_are_rotated_and_a_secret_saved_in_clear_is_sealed(django_user_model, settings):
    old = settings.MFA_KEYS
    new = Fernet.generate_key().decode()
    user = _account(django_user_model, "erin", group=EDITORS, is_staff=True)
    secret = add_totp(user)
    # An authenticator added before secrets were sealed: the migration seals it.
    legacy = _account(django_user_model, "lee", group=EDITORS, is_staff=True)
    legacy_secret = generate_totp_secret()
    Authenticator.objects.create(user=legacy, type="totp", data={"secret": legacy_secret})
    migration = import_module("focus.accounts.migrations.0002_seal_authenticator_secrets")
    migration.seal(django_apps, None)
    assert sealing.is_sealed(Authenticator.objects.get(user=legacy).data["secret"])

    settings.MFA_KEYS = f"{new},{old}"
    out = StringIO()
    call_command("rotate_mfa_keys", stdout=out)
    assert "2 authenticator(s) sealed with the first key." in out.getvalue()
    settings.MFA_KEYS = new  # the old key is gone: both still sign in
    assert _signs_in_with_code("erin", secret)
    assert _signs_in_with_code("lee", legacy_secret)
    settings.MFA_KEYS = old  # a key that did not seal them opens nothing
    with pytest.raises(sealing.CannotOpen):
        sealing.open_sealed(Authenticator.objects.get(user=user).data["secret"])
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("rotate_mfa_keys", stdout=StringIO())


def test_without_keys_nothing_is_sealed_and_the_message_says_why(settings):
    settings.MFA_KEYS = ""
    with pytest.raises(ImproperlyConfigured, match="MFA_KEYS holds no key"):
        sealing.seal("JBSWY3DPEHPK3PXP")
    [problem] = sealing.check_keys()  # manage.py check, migrate and the server say it first
    assert problem.id == "focus.E001" and "MFA_KEYS holds no key" in problem.msg
    settings.MFA_KEYS = "not-a-key"
    with pytest.raises(ImproperlyConfigured, match="32 bytes"):
        sealing.seal("JBSWY3DPEHPK3PXP")
    settings.MFA_KEYS = Fernet.generate_key().decode()
    assert sealing.check_keys() == []


def test_authenticator_codes_cannot_be_guessed(django_user_model):
    user = _account(django_user_model, "erin", group=EDITORS, is_staff=True)
    secret = add_totp(user)
    client = Client()
    _sign_in(client, "erin")
    for guess in range(5):
        client.post("/en/accounts/2fa/authenticate/", {"code": f"{guess:06}"})
    refused = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert "Too many failed login attempts" in refused.text
    assert client.get("/en/contribute/queue/").status_code == 302  # not signed in


def test_the_admin_login_page_sends_to_the_site_sign_in(client, django_user_model):
    response = client.get("/admin/login/?next=/admin/policies/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2Fpolicies%2F"
    # The admin's own form cannot be used to sign in, even posted to directly.
    _account(django_user_model, "erin", group=EDITORS, is_staff=True)
    posted = client.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    assert posted.status_code == 302 and posted["Location"] == "/en/accounts/login/"
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    # Another site's address is not carried along.
    assert client.get("/admin/login/?next=https://elsewhere.example/")["Location"] == (
        "/en/accounts/login/"
    )
    # Someone signed in whose account may not use the admin is told so, without a loop.
    contributor = Client()
    contributor.force_login(_account(django_user_model, "carmen"))
    assert contributor.get("/admin/login/?next=/admin/").status_code == 403


def test_five_wrong_passwords_lock_that_username_for_an_hour_and_no_other(django_user_model):
    _account(django_user_model, "carmen")
    _account(django_user_model, "dora")
    # Tor users share an exit address and Tor Browser's user agent.
    tor = {"REMOTE_ADDR": "198.51.100.23", "HTTP_USER_AGENT": "Mozilla/5.0 (Tor Browser)"}
    guesser = Client(**tor)
    statuses = [
        guesser.post(
            "/en/accounts/login/",
            {"login": "carmen", "password": f"wrong guess {n}", "csrfmiddlewaretoken": "t0ken"},
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    locked = _sign_in(guesser, "carmen")  # even the right password
    assert locked.status_code == 429
    assert "Account locked for a while" in locked.text and 'class="site-header"' in locked.text
    assert locked["Retry-After"] == "3600"
    # The same account, named by its e-mail address, from another client: locked too.
    assert _sign_in(Client(), "carmen@example.org").status_code == 429
    # Another account, from the same address: not locked.
    dora = Client(**tor)
    assert _sign_in(dora, "dora")["Location"] == "/en/accounts/contributions/"
    # What axes keeps: a username and a time, nothing about the client.
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "carmen"
    assert attempt.ip_address is None
    assert attempt.user_agent == "" and attempt.http_accept == ""
    kept = f"{attempt.get_data} {attempt.post_data}"
    assert "login=****" in kept
    for secret in ["wrong guess", "t0ken", "198.51.100", "Tor Browser"]:
        assert secret not in kept
    # An hour later the account signs in again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=61))
    assert _sign_in(Client(), "carmen")["Location"] == "/en/accounts/contributions/"


def test_an_unknown_username_is_locked_the_same_way(client):
    """A lockout must not tell which accounts exist."""
    statuses = [_sign_in(client, "nobody", "guess").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_a_client_sending_many_sign_ins_is_told_to_wait(client):
    for n in range(30):
        assert _sign_in(client, f"name{n}", "guess").status_code == 200
    response = _sign_in(client, "name30", "guess")
    assert response.status_code == 429
    assert "Too many requests" in response.text and 'class="site-header"' in response.text
    # Another client is not stopped.
    assert _sign_in(Client(REMOTE_ADDR="192.0.2.44"), "name31", "guess").status_code == 200


def test_the_trusted_contributors_group_exists_and_administrators_can_unlock(db):
    assert Group.objects.filter(name=TRUSTED_CONTRIBUTORS).exists()
    administrators = Permission.objects.filter(group__name=ADMINISTRATORS)
    assert administrators.filter(codename="delete_accessattempt").exists()
    assert administrators.filter(codename="delete_authenticator").exists()
    editors = Permission.objects.filter(group__name=EDITORS)
    assert not editors.filter(codename__in=["delete_accessattempt", "delete_authenticator"])


# My contributions ------------------------------------------------------------------------


@pytest.fixture
def mexico():
    return CountryFactory(code="MEX", iso_alpha2="MX", name_en="Mexico", region=RegionFactory())


def _send_development(client):
    response = client.post(
        "/en/contribute/development/",
        {
            "country": "MEX",
            "development_type": "adopted",
            "date": "2024-03",
            "summary": "The state congress adopted a protection law for defenders.",
            "sources": "https://www.dof.gob.mx/nota_detalle.php?codigo=5253267",
            "credit": "organisation",
            "organisation": "Red de defensoras",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]


def test_a_contribution_sent_while_signed_in_is_listed_for_that_account_only(
    client, django_user_model, mexico
):
    carmen = _account(django_user_model, "carmen")
    client.force_login(carmen)
    _send_development(client)
    sent = Contribution.objects.get()
    assert sent.account == carmen and not sent.trusted
    # A trusted contributor's next proposal is marked for faster review.
    carmen.groups.add(Group.objects.get(name=TRUSTED_CONTRIBUTORS))
    _send_development(client)
    assert Contribution.objects.filter(account=carmen, trusted=True).count() == 1
    # Sent without signing in: linked to nobody.
    _send_development(Client(REMOTE_ADDR="192.0.2.9"))
    assert Contribution.objects.filter(account=None).count() == 1

    page = client.get("/en/accounts/contributions/")
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>(.*?)</td>", page.text)
    assert rows == ["A development (news)", "A development (news)"]
    assert "Received" in page.text
    # Nothing of what was sent beyond its kind, date and status.
    assert "Red de defensoras" not in page.text and "state congress" not in page.text
    assert "/contribute/status/" not in page.text

    dora = Client()
    dora.force_login(_account(django_user_model, "dora"))
    assert "Nothing here." in dora.get("/en/accounts/contributions/").text
    assert Client().get("/en/accounts/contributions/")["Location"].startswith("/en/accounts/login/")


def test_my_contributions_link_to_what_was_published_in_a_fixed_number_of_queries(
    client, django_user_model, mexico
):
    carmen = _account(django_user_model, "carmen")
    client.force_login(carmen)

    def published(n):
        for i in range(n):
            law = InstrumentFactory(jurisdiction=mexico, slug=f"mex-law-{i}-{n}")
            contribution = Contribution(
                kind=Kind.INSTRUMENT,
                status=Status.PUBLISHED,
                language="en",
                consented_at=timezone.now(),
                account=carmen,
                result=law,
            )
            contribution.set_receipt()
            contribution.save()

    def cost():
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/en/accounts/contributions/")
        assert page.status_code == 200
        return len(queries), page

    published(1)
    few, page = cost()
    assert 'href="/en/instruments/mex-law-0-1/"' in page.text
    published(6)
    many, page = cost()
    assert page.text.count("See it on Focus") == 7
    assert many == few
