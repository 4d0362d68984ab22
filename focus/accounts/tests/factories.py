"""Accounts as tests need them: an authenticator app made with allauth's own TOTP code, and
the codes it would show."""

import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)


def add_totp(user) -> str:
    """Give the account an authenticator app, as activating one does; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code the app shows now; waits for the next one when this one is about to expire,
    so that a test that types it is not refused at the turn of the period."""
    period = app_settings.TOTP_PERIOD
    if time.time() % period > period - 5:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def verify_email(user) -> None:
    """Record the account's e-mail address as verified, as following the link does."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
