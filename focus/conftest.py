"""Personas used across the suite: a visitor (anonymous), Alice the editor and Bob the
administrator, each with a logged-in test client. Staff must use two-factor
authentication, so Alice and Bob have an authenticator app (its secret is `user.totp_secret`)."""

import pytest
from django.contrib.auth.models import Group

from focus.accounts.tests.factories import add_totp
from focus.core.roles import ADMINISTRATORS, EDITORS
from focus.core.tests.browser import browser_page, chromium  # noqa: F401  (browser fixtures)


def _staff(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery staple",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group))
    user.totp_secret = add_totp(user)
    return user


@pytest.fixture
def visitor(client):
    return client


@pytest.fixture
def alice(db, django_user_model):
    """An editor."""
    return _staff(django_user_model, "alice", EDITORS)


@pytest.fixture
def bob(db, django_user_model):
    """An administrator."""
    return _staff(django_user_model, "bob", ADMINISTRATORS)


@pytest.fixture
def editor_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def administrator_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Each test starts in English: a request's language must not leak into the next test
    (URLs reversed outside a request carry the active language's prefix)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def run_worker(monkeypatch, django_capture_on_commit_callbacks):
    """Run the background worker (`manage.py db_worker --batch`) on the queued tasks.

    The worker closes database connections it thinks stale; inside a test's transaction
    on PostgreSQL that would close the test's own connection, so that step is skipped.
    """
    from django.core.management import call_command

    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    return run
