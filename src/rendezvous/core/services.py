"""Signing in: one-time e-mail links for everyone, plus a password first for organisers; rate limits.

Participants have no password: they ask for a link, follow it, confirm, and are signed in (their User is created at
that moment if it does not exist yet, with an unusable password). Organisers (staff) enter their password first; the
same kind of link then completes the sign-in, as a second factor.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .models import SignInPurpose, SignInToken

LINK_LIFETIME = timedelta(minutes=20)
RATE_WINDOW = timedelta(minutes=15)
MAX_PER_ADDRESS = 5
MAX_PER_IP = 20


class SignInError(Exception):
    """A sign-in step that cannot go on; the message can be shown to the person."""


class RateLimited(SignInError):
    """Too many attempts for this address or from this network address."""


@dataclass(frozen=True)
class SignInResult:
    user: object
    next_url: str


def normalise_email(email: str) -> str:
    return email.strip().lower()


def safe_next_url(next_url: str | None) -> str:
    """Keep only same-site relative paths, so a link can never send someone to another site."""
    if (
        next_url
        and next_url.startswith("/")
        and not next_url.startswith("//")
        and "\\" not in next_url
        and url_has_allowed_host_and_scheme(next_url, allowed_hosts=None)
    ):
        return next_url
    return "/"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _create_token(email: str, *, purpose: str, next_url: str, user=None, now: datetime | None = None) -> str:
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    SignInToken.objects.create(
        email=normalise_email(email),
        token_hash=_hash(token),
        purpose=purpose,
        user=user,
        next_url=safe_next_url(next_url),
        expires_at=now + LINK_LIFETIME,
    )
    return token


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def sign_in_link(email: str, *, next_url: str = "/") -> str:
    """Create a one-time link that signs in whoever holds it as `email`; return it as an absolute URL.

    The link is `settings.SITE_URL` + `/accounts/sign-in/link/<token>/`; it expires after 20 minutes and works once.
    Opening it shows a confirm button (a GET never consumes it, because mail scanners pre-fetch links); confirming
    signs the holder in and redirects to `next_url`, which must be a same-site path such as "/events/x/" — anything
    else (another host, a scheme) is replaced by "/". No User is created here: following the link creates the
    participant's User if the address is new. Call it inside the transaction that queues the mail carrying it.
    Only the SHA-256 of the token is stored.
    """
    token = _create_token(email, purpose=SignInPurpose.LINK, next_url=next_url)
    return _absolute(reverse("core:sign_in_confirm", args=[token]))
