"""Authenticator secrets sealed at rest: allauth's TOTP keys and recovery-code seeds.

A copy of the database, or a backup, must not be enough to make someone's authenticator
codes. Keys come from `MFA_KEYS` (Fernet keys, comma-separated), apart from SECRET_KEY:
the first seals, every key listed opens. To rotate: put a new key first, run
`manage.py rotate_mfa_keys`, then drop the old one.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "mfa1:"


class CannotOpen(Exception):
    """A value that is not sealed, or that no key listed opens."""


def _keyring() -> MultiFernet:
    keys = [key.strip() for key in settings.MFA_KEYS.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured("MFA_KEYS holds no key: see the README's Configuration")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise ImproperlyConfigured(
            "MFA_KEYS: each key is 32 bytes in urlsafe base64 (Fernet.generate_key())"
        ) from None


def is_sealed(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def seal(text: str) -> str:
    return PREFIX + _keyring().encrypt(text.encode("utf-8")).decode("ascii")


def open_sealed(value: str) -> str:
    if not is_sealed(value):
        raise CannotOpen("not sealed")
    try:
        return _keyring().decrypt(value.removeprefix(PREFIX).encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise CannotOpen("no key in MFA_KEYS opens it") from None


def reseal(value: str) -> str:
    """A value sealed again with the first key; one still in clear is sealed."""
    if not is_sealed(value):
        return seal(value)
    try:
        token = _keyring().rotate(value.removeprefix(PREFIX).encode("ascii"))
    except InvalidToken:
        raise CannotOpen("no key in MFA_KEYS opens it") from None
    return PREFIX + token.decode("ascii")


def reseal_data(kind: str, data: dict) -> dict:
    """An authenticator's data with its secrets sealed with the first key (those allauth
    passes through MFAAdapter.encrypt: a TOTP key, a recovery-code seed, migrated codes)."""
    data = dict(data)
    if kind == "totp" and data.get("secret"):
        data["secret"] = reseal(data["secret"])
    if kind == "recovery_codes":
        if data.get("seed"):
            data["seed"] = reseal(data["seed"])
        if data.get("migrated_codes"):
            data["migrated_codes"] = [reseal(code) for code in data["migrated_codes"]]
    return data


def reseal_all(authenticators) -> int:
    """Seal every authenticator's secrets with the first key; returns how many changed."""
    changed = 0
    for authenticator in authenticators.iterator():
        data = reseal_data(authenticator.type, authenticator.data)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed


def check_keys(app_configs=None, **kwargs) -> list:
    """A system check: without usable MFA_KEYS nobody could add an authenticator, and
    staff must. Local use (DEBUG) generates a key into var/."""
    from django.core.checks import Error

    try:
        _keyring()
    except ImproperlyConfigured as problem:
        return [Error(str(problem), hint="Set MFA_KEYS in the environment.", id="focus.E001")]
    return []
