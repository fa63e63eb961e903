"""Organisers' strong second factor: an authenticator app (TOTP, through django-otp's TOTPDevice) or a security key
(WebAuthn, security_keys.py).

An organiser enrols a device from the account security page: the page shows a provisioning QR code for an
unconfirmed device, and the device counts only once a code from the app has been entered (so a mis-scanned code
never locks anyone out). Once an organiser has a confirmed device, the password sign-in asks for its code instead of
e-mailing a link. An edition may require a device of its organisers (Edition.organisers_require_strong_second_factor):
organiser pages then send an organiser without one to enrol first.

django-otp's TOTPDevice refuses a code already used (it remembers the last time step) and slows down guessing
(it refuses every code for an exponentially growing delay after each failure), so neither is re-implemented here.
"""

import base64

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, security_keys
from .models import SecurityKey

ISSUER = "Rendezvous"


class SecondFactorError(Exception):
    """A second-factor step that cannot go on; the message can be shown to the person."""


def confirmed_devices(user) -> list[TOTPDevice]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"))


def strong_factor_count(user) -> int:
    """Confirmed authenticator apps plus security keys."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return TOTPDevice.objects.filter(user=user, confirmed=True).count() + SecurityKey.objects.filter(user=user).count()


def has_strong_device(user) -> bool:
    return strong_factor_count(user) > 0


def has_authenticator_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_enrol_for(user, edition) -> bool:
    """True when `edition` requires a strong second factor of its organisers and `user` has not enrolled one."""
    return bool(getattr(edition, "organisers_require_strong_second_factor", False)) and not has_strong_device(user)


def requires_strong_second_factor(user) -> bool:
    """True when any edition `user` organises requires a strong second factor (used to refuse removing the last)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.edition_roles.filter(role="organiser", edition__organisers_require_strong_second_factor=True).exists()


@transaction.atomic
def start_enrolment(user, *, name: str = "") -> TOTPDevice:
    """A new, unconfirmed authenticator device for `user` (earlier unconfirmed ones are discarded)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=(name.strip() or _("Authenticator app"))[:64], confirmed=False)


def pending_enrolment(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def provisioning_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return device.config_url


def provisioning_qr_svg(device: TOTPDevice) -> str:
    """The QR code as an inline SVG element (no image URL, no script: fits a strict CSP)."""
    return segno.make(provisioning_uri(device), error="m").svg_inline(scale=4, title=_("Authenticator set-up code"))


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four, for apps where the code is typed instead of scanned."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def _clean(code: str) -> str:
    return "".join((code or "").split())


@transaction.atomic
def confirm_enrolment(user, code: str) -> TOTPDevice:
    """Confirm the pending device with a code from the app. Raises SecondFactorError for a wrong code."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        raise SecondFactorError(_("Start by adding an authenticator app; there is nothing to confirm."))
    if not device.verify_token(_clean(code)):
        raise SecondFactorError(
            _("That code is not right. Enter the six digits your app shows now for Rendezvous, and check its clock.")
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record("account.second_factor_enrolled", device, actor=user, summary=f"Authenticator app “{device.name}”")
    return device


@transaction.atomic
def remove_device(user, device_id: int) -> None:
    """Remove one of `user`'s devices; the last one stays while an edition they organise requires it."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, pk=device_id).first()
    if device is None:
        raise SecondFactorError(_("This device is not one of yours, or it was already removed."))
    if device.confirmed and requires_strong_second_factor(user) and strong_factor_count(user) == 1:
        raise SecondFactorError(
            _("An edition you organise requires an authenticator app: add another one before removing this one.")
        )
    audit.record("account.second_factor_removed", device, actor=user, summary=f"Authenticator app “{device.name}”")
    device.delete()


def remove_security_key(user, key_id: int) -> None:
    """Remove one of `user`'s security keys; the last strong factor stays while an edition requires one."""
    keep_one = requires_strong_second_factor(user) and strong_factor_count(user) == 1
    try:
        security_keys.remove(user, key_id, keep_one=keep_one)
    except security_keys.SecurityKeyError as error:
        raise SecondFactorError(str(error)) from None


def verify_code(user, code: str) -> TOTPDevice | None:
    """The confirmed device of `user` that accepts `code` now, or None (each device throttles its own failures)."""
    code = _clean(code)
    if not code.isdigit():
        return None
    for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("id"):
        if device.verify_token(code):
            return device
    return None
