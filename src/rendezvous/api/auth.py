"""Who is calling: a personal token (`Authorization: Bearer <token>`) or the site's own session.

The token's owner becomes `request.user`, so every permission predicate below is the owner's own; the token then only
narrows what they may do (its editions, read or write). `request.api_token` is None for a session.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from rendezvous.core.permissions import require_organiser
from rendezvous.events.models import Edition
from rendezvous.events.services import get_visible_edition

from . import tokens
from .models import IdempotentResponse

IDEMPOTENCY_LIFETIME = timedelta(hours=24)
READ_ONLY_TOKEN = "This token may only read: make a token with the write scope to change anything."


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def __init__(self):
        super().__init__()
        self.openapi_description = "A personal API token, made on the account page or by `rendezvous api_token`."

    def authenticate(self, request, token):
        api_token = tokens.authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token
        return api_token


token_auth = TokenAuth()
# A token first; else the site's session (unsafe methods then need the CSRF token).
SIGNED_IN = [token_auth, django_auth]


def bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def identify(request) -> None:
    """For endpoints open to everyone: a token, when one is sent, makes its owner the reader (a bad one is 401)."""
    request.api_token = getattr(request, "api_token", None)
    token = bearer_token(request)
    if token is None:
        return
    api_token = tokens.authenticate(token)
    if api_token is None:
        raise AuthenticationError()
    request.user = api_token.user
    request.api_token = api_token


def visible_edition(request, slug: str) -> Edition:
    """The edition as the caller may see it; outside a token's editions it does not exist for the caller."""
    edition = get_visible_edition(request.user, slug)
    if not tokens.allows_edition(getattr(request, "api_token", None), edition):
        raise Http404(_("No such edition."))
    return edition


def organised_edition(request, slug: str, *, write: bool = False) -> Edition:
    """The edition, for its organisers only: 404 where the caller may not see it, 403 where they may not run it."""
    edition = visible_edition(request, slug)
    require_organiser(request.user, edition)
    if write:
        require_write(request)
    return edition


def require_write(request) -> None:
    api_token = getattr(request, "api_token", None)
    if api_token is not None and not api_token.can_write:
        raise PermissionDenied(_(READ_ONLY_TOKEN))


# --- Idempotency-Key ------------------------------------------------------------------------------------------------


def _fingerprint(request) -> str:
    return hashlib.sha256(b"\n".join([request.method.encode(), request.path.encode(), request.body])).hexdigest()


class KeyReused(Exception):
    pass


def _stored(request, key: str) -> tuple[int, dict] | None:
    stored = IdempotentResponse.objects.filter(
        user=request.user, token=getattr(request, "api_token", None), key=key, created_at__gte=_oldest_kept()
    ).first()
    if stored is None:
        return None
    if stored.fingerprint != _fingerprint(request):
        raise KeyReused()
    return stored.status, stored.body


def _oldest_kept():
    return timezone.now() - IDEMPOTENCY_LIFETIME


def idempotent(request, key: str | None, make: Callable[[], tuple[int, dict]]) -> tuple[int, dict]:
    """`make()` once per Idempotency-Key and caller: a retry with the same key and body gets the first answer again
    (for 24 hours); the same key with another body raises KeyReused. The create and its stored answer commit together,
    so two concurrent retries make one thing: the loser's transaction fails on the key and replays the winner's."""
    if not key:
        return make()
    if (found := _stored(request, key)) is not None:
        return found
    # An expired answer no longer counts, but its row would still hold the key.
    IdempotentResponse.objects.filter(
        user=request.user, token=getattr(request, "api_token", None), key=key, created_at__lt=_oldest_kept()
    ).delete()
    try:
        with transaction.atomic():
            status, body = make()
            IdempotentResponse.objects.create(
                user=request.user,
                token=getattr(request, "api_token", None),
                key=key,
                fingerprint=_fingerprint(request),
                status=status,
                body=json.loads(json.dumps(body, cls=DjangoJSONEncoder)),
            )
    except IntegrityError:
        if (found := _stored(request, key)) is not None:
            return found
        raise
    return status, body


def purge_idempotency_keys() -> str:
    deleted, _counts = IdempotentResponse.objects.filter(created_at__lt=_oldest_kept()).delete()
    return f"{deleted} idempotency records older than 24 hours removed"


# --- ETag / If-Match ------------------------------------------------------------------------------------------------


class PreconditionFailed(Exception):
    pass


def etag_of(data) -> str:
    """A strong validator of what a GET returns: it changes whenever any field of the representation changes."""
    text = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def check_if_match(request, current_etag: str) -> None:
    """412 when the caller's If-Match names another version than the current one (someone changed it meanwhile)."""
    header = request.headers.get("If-Match")
    if header is None:
        return
    candidates = [value.strip().removeprefix("W/") for value in header.split(",")]
    if "*" not in candidates and current_etag not in candidates:
        raise PreconditionFailed()
