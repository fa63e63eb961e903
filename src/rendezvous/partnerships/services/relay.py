"""Messages the hub passes on by e-mail (invitations to followers, answers to board posts): the daily limits."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q

from ..models import RelayMessage

INVITATIONS_PER_DAY = 20  # per organisation
BOARD_CONTACTS_PER_DAY = 10  # per sender


def sent_today(now, **filters) -> int:
    """Relayed messages matching `filters` in the 24 hours before `now`."""
    return RelayMessage.objects.filter(created_at__gte=now - timedelta(days=1), **filters).count()


def staff_addresses() -> list[str]:
    """The platform's staff, who hear of reported posts and of requests to represent a new organisation."""
    users = get_user_model().objects.filter(Q(is_superuser=True) | Q(is_staff=True), is_active=True)
    return sorted({user.email for user in users if user.email})
