"""Personal API tokens: made, found by their hash, revoked. A token acts as its owner, limited to its editions and
scope; the permission predicates are the owner's, so a token never grants more than its owner may do."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit

from .models import ApiToken, TokenScope

TOKEN_PREFIX = "rdv_"
# last_used_at is written at most this often per token: a busy client would otherwise write on every call.
LAST_USE_RESOLUTION = timedelta(minutes=1)
MAX_LIFETIME_DAYS = 3650


class TokenError(ValueError):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user, *, name: str, scope: str, editions=(), expires_in_days: int | None = None):
    """A new token for `user`: (the stored ApiToken, the token itself, which is never shown again)."""
    if scope not in TokenScope.values:
        raise TokenError(_("The scope must be 'read' or 'write'."))
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_LIFETIME_DAYS:
        raise TokenError(_("A token expires after 1 to %(days)s days.") % {"days": MAX_LIFETIME_DAYS})
    name = (name or "").strip() or _("API token")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=token[: len(TOKEN_PREFIX) + 6],
            token_hash=hash_token(token),
            scope=scope,
            expires_at=expires_at,
        )
        api_token.editions.set(editions)
        audit.record("api_token.created", api_token, actor=user, summary=f"{api_token.prefix}… {scope}")
    return api_token, token


def revoke_token(api_token: ApiToken, *, actor) -> ApiToken:
    if api_token.user_id != getattr(actor, "pk", None) and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Only the token's owner may revoke it."))
    if api_token.revoked_at is None:
        api_token.revoked_at = timezone.now()
        api_token.save(update_fields=["revoked_at"])
        audit.record("api_token.revoked", api_token, actor=actor, summary=f"{api_token.prefix}…")
    return api_token


def authenticate(token: str) -> ApiToken | None:
    """The usable token `token` is, with its last use recorded; None for anything else."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    now = timezone.now()
    api_token = ApiToken.objects.usable(now).select_related("user").filter(token_hash=hash_token(token)).first()
    if api_token is None:
        return None
    if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        api_token.last_used_at = now
    return api_token


def allows_edition(api_token: ApiToken | None, edition) -> bool:
    """Whether the token reaches `edition` (no token: the session, which is not limited)."""
    if api_token is None:
        return True
    scoped = list(api_token.editions.values_list("pk", flat=True))
    return not scoped or edition.pk in scoped


def tokens_of(user):
    return ApiToken.objects.filter(user=user).prefetch_related("editions")
