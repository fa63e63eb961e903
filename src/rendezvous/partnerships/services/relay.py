"""Messages the hub passes on by e-mail (invitations to followers, answers to board posts): the daily limits."""

from datetime import timedelta

from ..models import RelayMessage

INVITATIONS_PER_DAY = 20  # per organisation
BOARD_CONTACTS_PER_DAY = 10  # per sender


def sent_today(now, **filters) -> int:
    """Relayed messages matching `filters` in the 24 hours before `now`."""
    return RelayMessage.objects.filter(created_at__gte=now - timedelta(days=1), **filters).count()
