"""`{% participant_access registration %}`: the personal join link and the badge download on the participant's page."""

from django import template
from django.urls import reverse

from rendezvous.participation import services

register = template.Library()


@register.inclusion_tag("participation/_participant_access.html")
def participant_access(registration):
    """Approved registrations get their personal join link (never the meeting URL itself); in-person ones, a badge."""
    approved = registration is not None and registration.is_approved
    edition = registration.edition if registration is not None else None
    return {
        "registration": registration,
        "edition": edition,
        "approved": approved,
        "join_link": services.join_path(registration) if approved and edition.online_meeting_url else "",
        "badge_url": (
            reverse("participation:badge", kwargs={"slug": edition.slug, "pk": registration.pk})
            if approved and services.has_badge(registration)
            else ""
        ),
    }
