"""Signing in: one-time e-mail links for everyone, plus a password first for organisers; rate limits.

Participants have no password: they ask for a link, follow it, confirm, and are signed in (their User is created at
that moment if it does not exist yet, with an unusable password). Organisers (staff) enter their password first; the
same kind of link then completes the sign-in, as a second factor. An organiser who has enrolled an authenticator app
(second_factor.py) enters its code instead, and no link is sent.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from . import ratelimit, second_factor, security_keys
from .models import SignInAttempt, SignInPurpose, SignInToken
from .outbox import queue_email

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
    device: object | None = None  # the authenticator device that confirmed the sign-in, if one did


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


def _create_token(
    email: str, *, purpose: str, next_url: str, user=None, now: datetime | None = None
) -> tuple[str, SignInToken]:
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    row = SignInToken.objects.create(
        email=normalise_email(email),
        token_hash=_hash(token),
        purpose=purpose,
        user=user,
        next_url=safe_next_url(next_url),
        expires_at=now + LINK_LIFETIME,
    )
    return token, row


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
    token, _row = _create_token(email, purpose=SignInPurpose.LINK, next_url=next_url)
    return _absolute(reverse("core:sign_in_confirm", args=[token]))


def is_organiser_account(user) -> bool:
    return bool(user.is_staff or user.is_superuser)


def _check_rate(kind: str, *, email: str, ip: str | None, now: datetime) -> None:
    # Both keys are locked first (address before IP, always in that order, so two requests never wait on each other
    # in a cycle): parallel requests for one key then count and record one after another, never past the limit.
    ratelimit.lock_key("sign_in_address", email)
    if ip:
        ratelimit.lock_key("sign_in_ip", ip)
    since = now - RATE_WINDOW
    recent = SignInAttempt.objects.filter(kind=kind, at__gt=since)
    if recent.filter(email=email).count() >= MAX_PER_ADDRESS:
        raise RateLimited(
            gettext(
                "Too many sign-in requests for this address. Please wait 15 minutes and try again; "
                "the links already sent still work."
            )
        )
    if ip and recent.filter(ip=ip).count() >= MAX_PER_IP:
        raise RateLimited(gettext("Too many sign-in requests from your network. Please wait 15 minutes and try again."))


def _link_mail_body(link: str, *, purpose_line: str) -> str:
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    return (
        f"{purpose_line}\n\n"
        + gettext("Open this link and press the button to sign in:")
        + f"\n\n{link}\n\n"
        + gettext(
            "The link works once and expires in %(minutes)s minutes. "
            "If you did not ask for it, ignore this message: nobody can sign in without it."
        )
        % {"minutes": minutes}
        + "\n\nRendezvous\n"
    )


def request_sign_in_link(email: str, *, ip: str | None, next_url: str = "/", now: datetime | None = None) -> None:
    """E-mail a sign-in link to `email`, within the rate limits; the outcome looks the same for every address.

    Organiser (staff) addresses get a mail pointing to the password sign-in instead of a link, so the link alone
    never opens an organiser account. Raises RateLimited when the address or the IP asked too often.
    """
    now = now or timezone.now()
    email = normalise_email(email)
    with transaction.atomic():
        _check_rate(SignInAttempt.Kind.LINK_REQUEST, email=email, ip=ip, now=now)
        SignInAttempt.objects.create(kind=SignInAttempt.Kind.LINK_REQUEST, email=email, ip=ip, at=now, succeeded=True)
        user = get_user_model().objects.filter(email=email).first()
        if user is not None and is_organiser_account(user):
            queue_email(
                to=email,
                subject=gettext("Sign in to Rendezvous as an organiser"),
                body=(
                    gettext("Someone asked for a sign-in link for this organiser address.")
                    + "\n\n"
                    + gettext("Organisers sign in with their password first, then confirm with a link we e-mail:")
                    + f"\n\n{_absolute(reverse('core:organiser_sign_in'))}\n\n"
                    + gettext("If you did not ask, ignore this message.")
                    + "\n\nRendezvous\n"
                ),
                kind="sign_in_organiser_hint",
            )
            return
        link = sign_in_link(email, next_url=next_url)
        queue_email(
            to=email,
            subject=gettext("Your sign-in link for Rendezvous"),
            body=_link_mail_body(link, purpose_line=gettext("You asked to sign in to Rendezvous.")),
            kind="sign_in_link",
        )


def start_organiser_sign_in(
    email: str, password: str, *, ip: str | None, next_url: str = "/", request=None, now: datetime | None = None
) -> int:
    """Check an organiser's password and e-mail the second-factor link; return the pending token's id.

    The id goes into the session, so the link completes the sign-in only in the browser that entered the password.
    A wrong password, an unknown address and a non-organiser account all get the same error. Raises RateLimited.
    """
    now = now or timezone.now()
    email = normalise_email(email)
    with transaction.atomic():
        _check_rate(SignInAttempt.Kind.PASSWORD, email=email, ip=ip, now=now)
        user = authenticate(request, email=email, password=password)
        accepted = user is not None and is_organiser_account(user)
        SignInAttempt.objects.create(kind=SignInAttempt.Kind.PASSWORD, email=email, ip=ip, at=now, succeeded=accepted)
        if accepted and second_factor.has_strong_device(user):
            # The token row is only the pending sign-in (user, next page, 20 minutes, single use); its secret is never
            # sent anywhere, so the authenticator code is the only way to finish.
            _token, row = _create_token(
                email, purpose=SignInPurpose.SECOND_FACTOR, next_url=next_url, user=user, now=now
            )
            pending_id = row.pk
        elif accepted:
            token, row = _create_token(
                email, purpose=SignInPurpose.SECOND_FACTOR, next_url=next_url, user=user, now=now
            )
            link = _absolute(reverse("core:sign_in_confirm", args=[token]))
            queue_email(
                to=email,
                subject=gettext("Confirm your organiser sign-in to Rendezvous"),
                body=_link_mail_body(
                    link,
                    purpose_line=gettext("Your password was accepted. Confirm the sign-in in the same browser."),
                ),
                kind="sign_in_second_factor",
            )
            pending_id = row.pk
    if not accepted:
        raise SignInError(
            gettext("The e-mail address or the password is not right, or the account is not an organiser's.")
        )
    return pending_id


def _find_token(token: str, *, for_update: bool = False) -> SignInToken | None:
    token_hash = _hash(token)
    rows = SignInToken.objects.select_for_update() if for_update else SignInToken.objects
    row = rows.filter(token_hash=token_hash).first()
    # The index lookup only ever sees the hash; the constant-time check keeps the comparison itself leak-free.
    if row is None or not hmac.compare_digest(row.token_hash, token_hash):
        return None
    return row


def _check_usable(row: SignInToken | None, now: datetime, pending_second_factor_id: int | None) -> SignInToken:
    if row is None:
        raise SignInError(gettext("This sign-in link is not valid. Ask for a new one."))
    if row.used_at is not None:
        raise SignInError(gettext("This sign-in link has already been used. Ask for a new one."))
    if row.expires_at <= now:
        raise SignInError(gettext("This sign-in link has expired (links last 20 minutes). Ask for a new one."))
    if row.purpose == SignInPurpose.SECOND_FACTOR and row.pk != pending_second_factor_id:
        raise SignInError(
            gettext(
                "Open this organiser sign-in link in the browser where you entered your password, "
                "or sign in with your password again."
            )
        )
    return row


def check_sign_in_token(token: str, *, pending_second_factor_id: int | None = None, now: datetime | None = None):
    """Say whether a link could be used now, without using it (for the confirm page). Raises SignInError."""
    return _check_usable(_find_token(token), now or timezone.now(), pending_second_factor_id)


def complete_sign_in(
    token: str, *, pending_second_factor_id: int | None = None, now: datetime | None = None
) -> SignInResult:
    """Use a sign-in link once and return the user to sign in; a participant's User is created if new.

    Raises SignInError for a wrong, used or expired link, and for a participant link to an organiser account.
    """
    now = now or timezone.now()
    with transaction.atomic():
        row = _check_usable(_find_token(token, for_update=True), now, pending_second_factor_id)
        if row.purpose == SignInPurpose.SECOND_FACTOR:
            user = row.user
            if user is None or not user.is_active or not is_organiser_account(user):
                raise SignInError(gettext("This account cannot sign in as an organiser."))
        else:
            user_model = get_user_model()
            user = user_model.objects.filter(email=row.email).first()
            if user is None:
                user = user_model(email=row.email)
                user.set_unusable_password()
                user.save()
            if is_organiser_account(user):
                raise SignInError(gettext("Organisers sign in with their password first."))
            if not user.is_active:
                raise SignInError(gettext("This account is disabled. Contact the secretariat."))
        # The conditional update makes the link single-use even if two requests race past the checks above.
        if not SignInToken.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
            raise SignInError(gettext("This sign-in link has already been used. Ask for a new one."))
    return SignInResult(user=user, next_url=row.next_url)


def pending_device_user(pending_second_factor_id: int | None):
    """The organiser whose password step is pending in this browser, if they finish with a device (app or key)."""
    if pending_second_factor_id is None:
        return None
    row = (
        SignInToken.objects.filter(
            pk=pending_second_factor_id, purpose=SignInPurpose.SECOND_FACTOR, used_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    if row is None or row.user is None or not second_factor.has_strong_device(row.user):
        return None
    return row.user


def pending_sign_in_uses_code(pending_second_factor_id: int | None) -> bool:
    """True when the password step of this pending organiser sign-in must be finished with a device, not a link."""
    return pending_device_user(pending_second_factor_id) is not None


def complete_sign_in_with_code(
    pending_second_factor_id: int | None, code: str, *, now: datetime | None = None
) -> SignInResult:
    """Finish an organiser's sign-in with a code from their authenticator app (the pending row is used once).

    Raises SignInError when nothing is pending in this browser, it expired, or the code is wrong; a wrong code leaves
    the pending sign-in open, so the organiser may try again (django-otp slows repeated failures down).
    """
    return _finish_pending_sign_in(
        pending_second_factor_id,
        lambda user: second_factor.verify_code(user, code),
        wrong=_("That code is not right. Enter the six digits your authenticator app shows now."),
        now=now,
    )


def complete_sign_in_with_key(
    pending_second_factor_id: int | None, credential, *, challenge: str | None, now: datetime | None = None
) -> SignInResult:
    """Finish an organiser's sign-in with a security key's answer to the challenge kept in the session."""

    def verify(user):
        try:
            return security_keys.verify(user, credential, challenge=challenge)
        except security_keys.SecurityKeyError as error:
            raise SignInError(str(error)) from None

    return _finish_pending_sign_in(pending_second_factor_id, verify, wrong="", now=now)


def _finish_pending_sign_in(pending_second_factor_id, verify, *, wrong: str, now: datetime | None) -> SignInResult:
    """Use the pending password step once if `verify(user)` names the device that confirmed it."""
    now = now or timezone.now()
    with transaction.atomic():
        # No select_related: PostgreSQL cannot lock the nullable side of the outer join to the user.
        row = (
            SignInToken.objects.select_for_update()
            .filter(pk=pending_second_factor_id, purpose=SignInPurpose.SECOND_FACTOR)
            .first()
        )
        if row is None or row.used_at is not None or row.expires_at <= now:
            raise SignInError(_("This sign-in has expired or was already finished. Sign in with your password again."))
        user = row.user
        if user is None or not user.is_active or not is_organiser_account(user):
            raise SignInError(_("This account cannot sign in as an organiser."))
        device = verify(user)
    # Raised after the transaction committed: a failed code's throttling state (django-otp) must not roll back.
    if device is None:
        raise SignInError(wrong)
    with transaction.atomic():
        if not SignInToken.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
            raise SignInError(_("This sign-in has expired or was already finished. Sign in with your password again."))
    return SignInResult(user=user, next_url=row.next_url, device=device)


def prune_sign_in_records(*, now: datetime | None = None, keep: timedelta = timedelta(days=1)) -> int:
    """Delete rate-limit counts and links that can no longer matter (older than `keep`); return how many."""
    cutoff = (now or timezone.now()) - max(keep, RATE_WINDOW, LINK_LIFETIME)
    with transaction.atomic():
        attempts, _ = SignInAttempt.objects.filter(at__lt=cutoff).delete()
        tokens, _ = SignInToken.objects.filter(expires_at__lt=cutoff).delete()
    return attempts + tokens


# The per-IP limits of every action read the client's address the same way.
client_ip = ratelimit.client_ip
