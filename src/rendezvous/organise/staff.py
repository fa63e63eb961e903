"""Who runs an edition: organisers and check-in staff, added and removed by the edition's organisers by e-mail.

A person without an account gets one and an invitation by e-mail: organisers choose a password through a link (they
sign in with password and an e-mailed confirmation), check-in staff sign in with an e-mailed link. The last organiser
cannot be removed, so an edition is never left without anyone who can run it. Every change is in the audit trail.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.outbox import queue_email
from rendezvous.core.services import normalise_email
from rendezvous.events.models import Edition, EditionStaff, StaffRole

from .permissions import require_manage_staff

MAX_EMAIL_LENGTH = 254


class StaffError(ValueError):
    """A staff change cannot be made as asked; the message says why, in one line."""


def _checked_email(email: str) -> str:
    email = normalise_email(email or "")
    if not email:
        raise StaffError(_("Enter the person's e-mail address."))
    if len(email) > MAX_EMAIL_LENGTH:
        raise StaffError(_("An e-mail address has at most 254 characters."))
    try:
        validate_email(email)
    except ValidationError:
        raise StaffError(_("%(email)s is not a valid e-mail address.") % {"email": email}) from None
    return email


def password_link(user) -> str:
    """A link where `user` chooses a password (Django's reset tokens: valid once, for PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "organise:choose_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL + path


def _invitation_body(edition: Edition, role: str, user, inviter) -> str:
    who = inviter.email if inviter is not None else _("The secretariat")
    if role == StaffRole.ORGANISER:
        role_line = _("%(who)s made you an organiser of %(title)s on Rendezvous.") % {
            "who": who,
            "title": edition.title,
        }
        if user.has_usable_password():
            how = _("Sign in with your password at %(url)s") % {
                "url": settings.SITE_URL + reverse("core:organiser_sign_in")
            }
        else:
            how = _("Choose your password here (the link works once, for three days):\n\n%(url)s\n\nthen sign in.") % {
                "url": password_link(user)
            }
        place = settings.SITE_URL + reverse("events:organise", args=[edition.slug])
    else:
        role_line = _("%(who)s added you to the check-in staff of %(title)s on Rendezvous.") % {
            "who": who,
            "title": edition.title,
        }
        place = settings.SITE_URL + reverse("participation:check_in", args=[edition.slug])
        how = _("Sign in with this address (we e-mail you a link) at %(url)s") % {
            "url": settings.SITE_URL
            + reverse("core:sign_in")
            + "?"
            + urlencode({"next": reverse("participation:check_in", args=[edition.slug])})
        }
    return f"{role_line}\n\n{how}\n\n{_('Your page:')} {place}\n\nRendezvous\n"


@transaction.atomic
def add_staff(edition: Edition, email: str, role: str, *, actor=None) -> EditionStaff:
    """Give the person with `email` the `role` for `edition`, creating their account if they have none, and e-mail
    them how to start. `actor` None means the command line (the platform's operator)."""
    if actor is not None:
        require_manage_staff(actor, edition)
    if role not in StaffRole.values:
        raise StaffError(_("Unknown role %(role)r.") % {"role": role})
    email = _checked_email(email)
    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first()
    created = user is None
    if created:
        user = user_model.objects.create_user(email, is_staff=role == StaffRole.ORGANISER)
    elif role == StaffRole.ORGANISER and not user.is_staff:
        # An organiser account signs in with a password and an e-mailed confirmation (core.services).
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if not user.is_active:
        raise StaffError(_("The account of %(email)s is disabled; ask the platform staff.") % {"email": email})
    if EditionStaff.objects.filter(edition=edition, user=user, role=role).exists():
        raise StaffError(
            _("%(email)s is already %(role)s of this edition.")
            % {"email": email, "role": StaffRole(role).label.lower()}
        )
    staff = EditionStaff.objects.create(edition=edition, user=user, role=role)
    queue_email(
        to=email,
        subject=_("You help run %(title)s") % {"title": edition.title},
        body=_invitation_body(edition, role, user, actor),
        kind="staff_invitation",
        edition=edition,
    )
    audit.record(
        "staff.added",
        staff,
        actor=actor,
        edition=edition,
        summary=f"{email} added as {role}" + (" (new account, invited by e-mail)" if created else ""),
        email=email,
        role=role,
    )
    return staff


@transaction.atomic
def remove_staff(edition: Edition, staff_id: int, *, actor=None) -> None:
    """Take a role away; the last organiser stays (rows locked so two organisers removing each other cannot both
    succeed)."""
    if actor is not None:
        require_manage_staff(actor, edition)
    staff = EditionStaff.objects.select_for_update().filter(edition=edition, pk=staff_id).select_related("user").first()
    if staff is None:
        raise StaffError(_("This person no longer has that role."))
    if staff.role == StaffRole.ORGANISER:
        organisers = list(
            EditionStaff.objects.select_for_update().filter(edition=edition, role=StaffRole.ORGANISER).order_by("pk")
        )
        if len(organisers) <= 1:
            raise StaffError(
                _("%(email)s is the last organiser: add another organiser first.") % {"email": staff.user.email}
            )
    audit.record(
        "staff.removed",
        staff,
        actor=actor,
        edition=edition,
        summary=f"{staff.user.email} removed as {staff.role}",
        email=staff.user.email,
        role=staff.role,
    )
    staff.delete()


def staff_of(edition: Edition):
    return EditionStaff.objects.filter(edition=edition).select_related("user").order_by("role", "user__email")
