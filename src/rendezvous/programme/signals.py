"""Any change to what the public programme shows bumps the edition's programme_version (see cache.py), and a change
to what one session's calendar event shows moves that session's own SEQUENCE and change time (the iCalendar feeds)."""

from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from rendezvous.core.models import Organisation, Person
from rendezvous.events.models import Edition, Room, Venue

from .cache import bump_programme_version, bump_programme_versions_where
from .models import Contribution, ContributionSpeaker, Session, SessionChair


def _skip(kwargs) -> bool:
    # Fixture loading (raw) writes rows as they are; the loaded edition starts at its stored version.
    return kwargs.get("raw", False)


def session_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        bump_programme_version(instance.edition_id)


# What a session's calendar event shows of the session itself; a save changing none of these is not a change.
EVENT_FIELDS = ("kind", "code", "title", "slug", "description", "start", "end", "room_id", "do_not_record")


def session_about_to_save(sender, instance, **kwargs):
    if _skip(kwargs):
        return
    now = timezone.now()
    stored = None if instance._state.adding else Session.objects.filter(pk=instance.pk).values(*EVENT_FIELDS).first()
    if stored is None:
        instance.changed_at = instance.changed_at or now
        return
    if any(stored[field] != getattr(instance, field) for field in EVENT_FIELDS):
        instance.sequence = max(instance.sequence, _stored_sequence(instance.pk)) + 1
        instance.changed_at = now


def _stored_sequence(session_pk) -> int:
    return Session.objects.filter(pk=session_pk).values_list("sequence", flat=True).first() or 0


def _session_event_changed(session_filter: Q) -> None:
    """A contribution, chair or speaker of the session changed: its event's description did."""
    Session.objects.filter(session_filter).update(sequence=F("sequence") + 1, changed_at=timezone.now())


def venue_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        bump_programme_version(instance.edition_id)


def room_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        bump_programme_versions_where(Q(venues__id=instance.venue_id))


def contribution_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        bump_programme_versions_where(Q(sessions__id=instance.session_id))
        _session_event_changed(Q(pk=instance.session_id))


def chair_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        bump_programme_versions_where(Q(sessions__id=instance.session_id))
        _session_event_changed(Q(pk=instance.session_id))


def speaker_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        bump_programme_versions_where(Q(sessions__contributions__id=instance.contribution_id))
        _session_event_changed(Q(contributions__id=instance.contribution_id))


def person_changed(sender, instance, **kwargs):
    if not _skip(kwargs) and not kwargs.get("created", False):
        bump_programme_versions_where(
            Q(sessions__contributions__speakers__person=instance) | Q(sessions__chairs__person=instance)
        )


def organisation_changed(sender, instance, **kwargs):
    if not _skip(kwargs) and not kwargs.get("created", False):
        bump_programme_versions_where(
            Q(sessions__contributions__speakers__organisation=instance)
            | Q(sessions__contributions__speakers__person__organisation=instance)
            | Q(sessions__chairs__organisation=instance)
            | Q(sessions__chairs__person__organisation=instance)
        )


def edition_about_to_save(sender, instance, **kwargs):
    # An edition loaded before a programme change still holds the old version; writing it back would let
    # the next bump land on a version whose cached pages already exist.
    if _skip(kwargs) or instance._state.adding or not instance.pk:
        return
    stored = Edition.objects.filter(pk=instance.pk).values_list("programme_version", flat=True).first()
    if stored is not None and stored > instance.programme_version:
        instance.programme_version = stored


def edition_saved(sender, instance, created, **kwargs):
    if _skip(kwargs) or created:
        return
    bump_programme_version(instance)
    # Keep the in-memory object in step with the row, so a later save() does not write the old number back.
    instance.programme_version = (
        Edition.objects.filter(pk=instance.pk).values_list("programme_version", flat=True).first()
        or instance.programme_version
    )


def connect() -> None:
    for model, handler in (
        (Session, session_changed),
        (Venue, venue_changed),
        (Room, room_changed),
        (Contribution, contribution_changed),
        (SessionChair, chair_changed),
        (ContributionSpeaker, speaker_changed),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"programme-version-save-{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"programme-version-delete-{model.__name__}")
    pre_save.connect(session_about_to_save, sender=Session, dispatch_uid="programme-session-sequence")
    post_save.connect(person_changed, sender=Person, dispatch_uid="programme-version-save-Person")
    post_save.connect(organisation_changed, sender=Organisation, dispatch_uid="programme-version-save-Organisation")
    pre_save.connect(edition_about_to_save, sender=Edition, dispatch_uid="programme-version-pre-save-Edition")
    post_save.connect(edition_saved, sender=Edition, dispatch_uid="programme-version-save-Edition")
