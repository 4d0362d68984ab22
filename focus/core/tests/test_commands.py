import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from focus.accounts.tests.factories import add_totp
from focus.core.roles import ADMINISTRATORS, EDITORS

pytestmark = pytest.mark.django_db


def _answers(monkeypatch, *answers):
    replies = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))


def test_create_editor_makes_a_staff_account_in_the_editors_group(monkeypatch, client):
    _answers(monkeypatch, "a long passphrase for alice", "a long passphrase for alice")
    call_command("create_editor", "carla", "carla@example.org")
    user = get_user_model().objects.get(username="carla")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert user.password.startswith("argon2")
    assert user.check_password("a long passphrase for alice")
    client.force_login(user)
    # Staff add an authenticator app before anything else in the admin.
    assert (
        client.get("/admin/policies/instrument/")["Location"] == "/en/accounts/2fa/totp/activate/"
    )
    add_totp(user)
    assert client.get("/admin/policies/instrument/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_create_editor_can_make_an_administrator(monkeypatch):
    _answers(monkeypatch, "a long passphrase for dan", "a long passphrase for dan")
    call_command("create_editor", "dan", "dan@example.org", administrator=True)
    assert get_user_model().objects.get(username="dan").groups.get().name == ADMINISTRATORS


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("a long passphrase", "another passphrase", "The passwords differ."),
        ("short", "short", "too short"),
    ],
)
def test_create_editor_refuses_bad_passwords(monkeypatch, first, second, message):
    _answers(monkeypatch, first, second)
    with pytest.raises(CommandError, match=message):
        call_command("create_editor", "erin", "erin@example.org")
    assert not get_user_model().objects.filter(username="erin").exists()
