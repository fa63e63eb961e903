"""A call announced at a workshop shows on that edition's cached programme: keep the page in step with the call."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from rendezvous.events.models import Edition
from rendezvous.programme.cache import bump_programme_version

from .models import Call


@receiver([post_save, post_delete], sender=Call, dispatch_uid="hub-call-changes-programme")
def call_changed(sender, instance: Call, **kwargs) -> None:
    if instance.announced_in_id is None:
        return
    edition = Edition.objects.filter(sessions__contributions=instance.announced_in_id).first()
    if edition is not None:
        bump_programme_version(edition)
