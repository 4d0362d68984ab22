"""Encryption of case data at rest: AES-256-GCM, keys from the environment.

Keys come from `INCIDENT_KEYS` ("<id>:<32 bytes, urlsafe base64>", comma-separated), apart
from SECRET_KEY: the first key seals, every key listed opens, so that a key is rotated by
putting a new one first and running `manage.py rotate_incident_keys`, then dropping the
old one. A sealed value reads `fe1.<key id>.<nonce>.<ciphertext and tag>` (urlsafe
base64), and its associated data binds it to where it belongs (`<table>.<column>|<row
uuid>`): a value copied into another row or column does not open.
"""

import base64
import os
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fe1"
SEALED = re.compile(r"^fe1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$")
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class KeysUnusable(ImproperlyConfigured):
    """The keys in the environment cannot be used."""


class CannotOpen(Exception):
    """A sealed value that no key opens, or that belongs elsewhere."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Keyring:
    """The keys: the first seals, all open."""

    keys: tuple[tuple[str, bytes], ...]

    @classmethod
    def parse(cls, text: str) -> "Keyring":
        keys: list[tuple[str, bytes]] = []
        for item in (part.strip() for part in text.split(",")):
            if not item:
                continue
            key_id, _, encoded = item.partition(":")
            if not KEY_ID.match(key_id) or not encoded:
                raise KeysUnusable(
                    "INCIDENT_KEYS: each key is written <id>:<key>, the id in letters, "
                    "digits, - or _"
                )
            try:
                key = _unb64(encoded)
            except ValueError:
                raise KeysUnusable(f"INCIDENT_KEYS: key {key_id} is not base64") from None
            if len(key) != 32:
                raise KeysUnusable(f"INCIDENT_KEYS: key {key_id} is not 32 bytes long")
            if any(key_id == known for known, _ in keys):
                raise KeysUnusable(f"INCIDENT_KEYS: key id {key_id} is given twice")
            keys.append((key_id, key))
        if not keys:
            raise KeysUnusable("INCIDENT_KEYS holds no key")
        return cls(tuple(keys))

    @property
    def current(self) -> str:
        return self.keys[0][0]

    def seal(self, plaintext: str, context: str) -> str:
        key_id, key = self.keys[0]
        nonce = os.urandom(12)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _aad(key_id, context))
        return f"{PREFIX}.{key_id}.{_b64(nonce)}.{_b64(sealed)}"

    def open(self, token: str, context: str) -> str:
        match = SEALED.match(token)
        if match is None:
            raise CannotOpen("not a sealed value")
        key_id, nonce, sealed = match.groups()
        key = dict(self.keys).get(key_id)
        if key is None:
            raise CannotOpen(f"key {key_id} is not in INCIDENT_KEYS")
        try:
            return (
                AESGCM(key)
                .decrypt(_unb64(nonce), _unb64(sealed), _aad(key_id, context))
                .decode("utf-8")
            )
        except (InvalidTag, ValueError):
            raise CannotOpen("the value does not belong here or was altered") from None

    @staticmethod
    def key_of(token: str) -> str | None:
        match = SEALED.match(token)
        return match.group(1) if match else None


def _aad(key_id: str, context: str) -> bytes:
    return f"{PREFIX}|{key_id}|{context}".encode()


def new_key() -> str:
    """A fresh key, written as INCIDENT_KEYS wants it (without its id)."""
    return _b64(os.urandom(32))


_cache: dict[str, Keyring] = {}


def keyring() -> Keyring:
    """The keys of the settings, parsed once per value."""
    text = settings.INCIDENT_KEYS
    if text not in _cache:
        _cache.clear()
        _cache[text] = Keyring.parse(text)
    return _cache[text]
