"""Organisers' security keys (WebAuthn, through the `webauthn` package): enrol a key, and use it as the second factor.

The browser side is static/rendezvous/webauthn.js (no inline script). Each ceremony is two requests: the server makes
options with a fresh random challenge, which the view keeps in the session; the browser asks the key and sends back
its answer, which is verified here against that challenge, this site's origin and its relying-party id (the host
name of SITE_URL, or WEBAUTHN_RP_ID). A challenge is used once: the view removes it from the session before
verifying.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from . import audit
from .models import SecurityKey

RP_NAME = "Rendezvous"


class SecurityKeyError(Exception):
    """A security-key step that cannot go on; the message can be shown to the person."""


def rp_id() -> str:
    return getattr(settings, "WEBAUTHN_RP_ID", "") or urlsplit(settings.SITE_URL).hostname or "localhost"


def origin() -> str:
    return settings.SITE_URL.rstrip("/")


def keys_of(user) -> list[SecurityKey]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(SecurityKey.objects.filter(user=user))


def _descriptors(user) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(id=base64url_to_bytes(key.credential_id))
        for key in SecurityKey.objects.filter(user=user)
    ]


def registration_options(user) -> tuple[str, str]:
    """The options for navigator.credentials.create() as JSON, and the challenge to keep (base64url)."""
    options = generate_registration_options(
        rp_id=rp_id(),
        rp_name=RP_NAME,
        user_id=str(user.pk).encode(),
        user_name=user.email,
        user_display_name=user.get_full_name() or user.email,
        exclude_credentials=_descriptors(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED, user_verification=UserVerificationRequirement.PREFERRED
        ),
    )
    return options_to_json(options), bytes_to_base64url(options.challenge)


@transaction.atomic
def register(user, credential, *, challenge: str | None, name: str = "") -> SecurityKey:
    """Verify the browser's answer to `registration_options` and keep the new key. Raises SecurityKeyError."""
    if not challenge:
        raise SecurityKeyError(_("The security-key set-up expired. Start again."))
    if not isinstance(credential, dict):
        raise SecurityKeyError(_("The browser sent no answer from a security key."))
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id(),
            expected_origin=origin(),
        )
    except (WebAuthnException, ValueError, TypeError, KeyError, AttributeError) as error:
        raise SecurityKeyError(
            _("The security key's answer could not be verified (%(reason)s).") % {"reason": error}
        ) from None
    credential_id = bytes_to_base64url(verified.credential_id)
    if SecurityKey.objects.filter(credential_id=credential_id).exists():
        raise SecurityKeyError(_("This security key is already registered."))
    key = SecurityKey.objects.create(
        user=user,
        name=(name.strip() or _("Security key"))[:64],
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )
    audit.record("account.security_key_enrolled", key, actor=user, summary=f"Security key “{key.name}”")
    return key


def authentication_options(user) -> tuple[str, str]:
    """The options for navigator.credentials.get() limited to `user`'s keys, and the challenge to keep."""
    options = generate_authentication_options(
        rp_id=rp_id(), allow_credentials=_descriptors(user), user_verification=UserVerificationRequirement.PREFERRED
    )
    return options_to_json(options), bytes_to_base64url(options.challenge)


def verify(user, credential, *, challenge: str | None) -> SecurityKey:
    """The key of `user` that produced this answer to `authentication_options`. Raises SecurityKeyError.

    Call inside a transaction: the key row is locked while its signature counter moves on.
    """
    if not challenge:
        raise SecurityKeyError(_("The security-key request expired. Try again."))
    if not isinstance(credential, dict):
        raise SecurityKeyError(_("The browser sent no answer from a security key."))
    key = (
        SecurityKey.objects.select_for_update().filter(user=user, credential_id=str(credential.get("id") or "")).first()
    )
    if key is None:
        raise SecurityKeyError(_("This security key is not registered for your account."))
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id(),
            expected_origin=origin(),
            credential_public_key=bytes(key.public_key),
            credential_current_sign_count=key.sign_count,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError, AttributeError) as error:
        raise SecurityKeyError(
            _("The security key's answer could not be verified (%(reason)s).") % {"reason": error}
        ) from None
    key.sign_count = verified.new_sign_count
    key.last_used_at = timezone.now()
    key.save(update_fields=["sign_count", "last_used_at"])
    return key


@transaction.atomic
def remove(user, key_id: int, *, keep_one: bool) -> None:
    """Remove one of `user`'s keys; with `keep_one`, never their last strong second factor."""
    key = SecurityKey.objects.select_for_update().filter(user=user, pk=key_id).first()
    if key is None:
        raise SecurityKeyError(_("This security key is not one of yours, or it was already removed."))
    if keep_one:
        raise SecurityKeyError(
            _("An edition you organise requires a strong second factor: add another one before removing this one.")
        )
    audit.record("account.security_key_removed", key, actor=user, summary=f"Security key “{key.name}”")
    key.delete()
