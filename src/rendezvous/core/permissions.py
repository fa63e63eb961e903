"""Who may do what for an edition. Every organiser-only view and export asks here, never in a template.

The page decorators that also look the edition up live one layer up, in `rendezvous.events.permissions`.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

# Lazy: the refusal is read on a 403 page or in an API answer, in the reader's language.
ORGANISERS_ONLY = _("Only the edition's organisers may do this.")
CHECKIN_STAFF_ONLY = _("Only the edition's check-in staff and organisers may check people in.")


def is_organiser(user, edition) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and edition.staff.filter(user=user, role="organiser").exists()


def is_checkin_staff(user, edition) -> bool:
    if is_organiser(user, edition):
        return True
    return bool(getattr(user, "is_authenticated", False)) and edition.staff.filter(user=user, role="checkin").exists()


def require_organiser(user, edition) -> None:
    if not is_organiser(user, edition):
        raise PermissionDenied(ORGANISERS_ONLY)


def require_checkin_staff(user, edition) -> None:
    if not is_checkin_staff(user, edition):
        raise PermissionDenied(CHECKIN_STAFF_ONLY)
