"""Who may do what with participants' documents (predicates and their `require_` forms)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rendezvous.core.permissions import is_organiser, require_organiser

from .models import VisaLetterOfficer


def can_review_visa_letters(user, edition) -> bool:
    """Organisers named visa letter officers of the edition (or platform superusers): passport details are not for
    every organiser."""
    if not is_organiser(user, edition):
        return False
    return user.is_superuser or VisaLetterOfficer.objects.filter(edition=edition, user=user).exists()


def require_review_visa_letters(user, edition) -> None:
    if not can_review_visa_letters(user, edition):
        raise PermissionDenied(_("Only the organisers named to handle visa letters may see visa letter requests."))


def owns(user, registration) -> bool:
    email = getattr(user, "email", "") or ""
    return bool(getattr(user, "is_authenticated", False)) and registration.email == email.strip().lower()


def require_owner(user, registration) -> None:
    if not owns(user, registration):
        raise PermissionDenied(_("This registration is not yours."))


__all__ = ["can_review_visa_letters", "is_organiser", "owns", "require_organiser", "require_owner"]
