"""Who may do what for an edition. Every organiser-only view and export asks here, never in a template."""

from django.core.exceptions import PermissionDenied


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
        raise PermissionDenied("Only the edition's organisers may do this.")
