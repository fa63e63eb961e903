"""What the participant and the organisers look up: their own application, the moderation queue, a waiting list."""

from django.db.models import Q, QuerySet

from rendezvous.events.models import Edition

from ..models import Registration, Role


def registration_for(edition: Edition, user) -> Registration | None:
    """The signed-in person's own application, found by their e-mail address; nobody else's."""
    if not getattr(user, "is_authenticated", False) or not user.email:
        return None
    return (
        Registration.objects.filter(edition=edition, email=user.email.strip().lower()).select_related("edition").first()
    )


def online_link_for(registration: Registration | None) -> str:
    """The edition's meeting link, for an approved registration only."""
    if registration is None or not registration.is_approved:
        return ""
    return registration.edition.online_meeting_url


def registrations_for_review(
    edition: Edition,
    *,
    status: str = "",
    country: str = "",
    organisation_type: str = "",
    attendance: str = "",
    role: str = "",
    search: str = "",
) -> QuerySet[Registration]:
    """This edition's applications filtered as the moderation queue asks (empty filter = any), oldest first."""
    queryset = Registration.objects.filter(edition=edition).select_related("organisation", "invitation")
    if status:
        queryset = queryset.filter(status=status)
    if country:
        queryset = queryset.filter(country=country.upper())
    if organisation_type:
        queryset = queryset.filter(organisation_type=organisation_type)
    if attendance:
        queryset = queryset.filter(attendance=attendance)
    if role:
        queryset = queryset.filter(role=role)
    for word in search.split():
        queryset = queryset.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(position__icontains=word)
        )
    return queryset.order_by("created_at", "id")


def waiting_list(edition: Edition, attendance: str) -> QuerySet[Registration]:
    """The waiting list of one mode in promotion order: the oldest waiting application gets the next free seat."""
    return (
        Registration.objects.waitlisted()
        .filter(edition=edition, role=Role.PARTICIPANT, attendance=attendance)
        .order_by("queued_at", "created_at", "id")
    )


def registrations_of(user):
    """Every application of the signed-in person, by their e-mail address, newest edition first."""
    if not getattr(user, "is_authenticated", False) or not user.email:
        return Registration.objects.none()
    return (
        Registration.objects.filter(email=user.email.strip().lower())
        .select_related("edition")
        .order_by("-edition__start_date")
    )
