"""The audit trail: one call records who changed what, when, in the transaction that made the change."""

from typing import Any

from django.db import models

from .models import AuditEntry


def record(
    action: str,
    obj: models.Model,
    *,
    actor=None,
    edition=None,
    summary: str = "",
    **data: Any,
) -> AuditEntry:
    """Record `action` on `obj`, inside the service's transaction so entry and change commit together."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        actor=actor,
        edition=edition,
        summary=summary,
        data=data,
    )


def trail_for(obj: models.Model):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
