"""The audit trail: one call records who changed what, when, in the transaction that made the change."""

from typing import Any

from django.db import models

from .compiled import CompiledInsert
from .happenings import announce
from .models import AuditEntry

# Written by every group of a registration burst (see core.compiled).
_audit_rows = CompiledInsert(AuditEntry)


def entry(
    action: str,
    obj: models.Model,
    *,
    actor=None,
    edition=None,
    summary: str = "",
    **data: Any,
) -> AuditEntry:
    """An unsaved entry recording `action` on `obj`; `record` saves one, `record_all` saves many in one statement."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        actor=actor,
        edition=edition,
        summary=summary,
        data=data,
    )


def record(action: str, obj: models.Model, **fields: Any) -> AuditEntry:
    """Record `action` on `obj` (the keywords of `entry`), inside the service's transaction so entry and change commit
    together."""
    audit_entry = entry(action, obj, **fields)
    audit_entry.save()
    _announce(audit_entry, obj)
    return audit_entry


def _announce(audit_entry: AuditEntry, obj=None) -> None:
    data = {"summary": audit_entry.summary, "object_type": audit_entry.object_type, "object_id": audit_entry.object_id}
    announce(audit_entry.action, edition=audit_entry.edition, obj=obj, data=data)


def record_all(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Save entries made by `entry` in one statement, in the caller's transaction (`at` is set by the model)."""
    saved = _audit_rows.insert(entries)
    for audit_entry in saved:
        _announce(audit_entry)
    return saved


def trail_for(obj: models.Model):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
