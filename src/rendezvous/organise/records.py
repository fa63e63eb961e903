"""What organisers read about their edition: its audit trail and its outbox, with "send again"."""

from django.db import transaction
from django.utils.translation import gettext as _

from rendezvous.core import audit, outbox
from rendezvous.core.models import AuditEntry, OutboxMessage
from rendezvous.core.permissions import require_organiser
from rendezvous.events.models import Edition


def audit_trail(edition: Edition, actor):
    require_organiser(actor, edition)
    return AuditEntry.objects.filter(edition=edition).select_related("actor").order_by("-at", "-id")


def edition_outbox(edition: Edition, actor):
    require_organiser(actor, edition)
    return OutboxMessage.objects.filter(edition=edition).order_by("-created_at", "-id")


class ResendRefused(ValueError):
    pass


@transaction.atomic
def send_again(edition: Edition, message_id: int, actor) -> OutboxMessage:
    """Queue one of the edition's messages again (a failed one, or one still waiting for a retry)."""
    require_organiser(actor, edition)
    message = OutboxMessage.objects.filter(edition=edition, pk=message_id).first()
    if message is None:
        raise ResendRefused(_("No such message in this edition's outbox."))
    if not outbox.requeue([message.pk]):
        raise ResendRefused(_("This message was already sent; it is not sent twice."))
    audit.record("outbox.resent", message, actor=actor, edition=edition, summary=f"Sent again to {message.to}")
    return message
