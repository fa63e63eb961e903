"""Passport details sealed with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`), keys from the environment.

`PASSPORT_ENCRYPTION_KEYS` lists one or more Fernet keys, newest first: MultiFernet encrypts with the first and
decrypts with any, so a key is rotated by putting a new one in front, running `rotate_passport_keys` (re-seals every
row with the new key), then dropping the old one (docs/operations.md). In development, with no key set, a key derived
from SECRET_KEY is used; production refuses to start without one (checks.py).
"""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class PassportKeyError(Exception):
    """The stored passport details cannot be opened with the configured keys."""


def configured_keys() -> list[str]:
    return [key for key in getattr(settings, "PASSPORT_ENCRYPTION_KEYS", []) if key]


def _development_key() -> bytes:
    digest = hashlib.sha256(b"rendezvous passport key:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _fernet() -> MultiFernet:
    keys = configured_keys() or [_development_key()]
    return MultiFernet([Fernet(key) for key in keys])


def seal(details: dict) -> str:
    return _fernet().encrypt(json.dumps(details, sort_keys=True).encode()).decode()


def unseal(token: str) -> dict:
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as error:
        raise PassportKeyError("The passport details cannot be decrypted with the configured keys.") from error


def reseal(token: str) -> str:
    """The same details under the newest key (for rotation)."""
    return _fernet().rotate(token.encode()).decode()
