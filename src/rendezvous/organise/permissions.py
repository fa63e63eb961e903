"""Who may create and clone editions of a series, and who may manage an edition's staff (core.permissions style)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rendezvous.core.permissions import is_organiser
from rendezvous.events.models import Series, SeriesSecretariat


def can_create_edition(user, series) -> bool:
    """The series' secretariat (and platform superusers) create editions; an edition outside any series is
    created by platform staff only."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return series is not None and SeriesSecretariat.objects.filter(series=series, user=user).exists()


def require_create_edition(user, series) -> None:
    if not can_create_edition(user, series):
        raise PermissionDenied(_("Only the secretariat of this series may create or clone its editions."))


def can_clone(user, source) -> bool:
    return can_create_edition(user, source.series)


def require_clone(user, source) -> None:
    if not can_clone(user, source):
        raise PermissionDenied(_("Only the secretariat of this edition's series may clone it."))


def can_manage_staff(user, edition) -> bool:
    return is_organiser(user, edition)


def require_manage_staff(user, edition) -> None:
    if not can_manage_staff(user, edition):
        raise PermissionDenied(_("Only the edition's organisers may change who runs it."))


def series_run_by(user):
    """The series whose editions `user` may create (every series for a superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Series.objects.none()
    if user.is_superuser:
        return Series.objects.all()
    return Series.objects.filter(secretariat__user=user).distinct()
