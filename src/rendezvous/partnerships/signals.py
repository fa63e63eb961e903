"""A call announced at a workshop shows on that edition's cached programme: keep the page in step with the call.
The hub's search index follows what it indexes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from rendezvous.core.models import Organisation
from rendezvous.events.models import Edition
from rendezvous.programme.cache import bump_programme_version

from . import search
from .models import BoardPost, Call, Programme


@receiver([post_save, post_delete], sender=Call, dispatch_uid="hub-call-changes-programme")
def call_changed(sender, instance: Call, **kwargs) -> None:
    if instance.announced_in_id is None:
        return
    edition = Edition.objects.filter(sessions__contributions=instance.announced_in_id).first()
    if edition is not None:
        bump_programme_version(edition)


# What the hub's search finds follows every save and delete of what it indexes.
@receiver(post_save, sender=Programme, dispatch_uid="hub-search-programme")
@receiver(post_save, sender=Call, dispatch_uid="hub-search-call")
@receiver(post_save, sender=BoardPost, dispatch_uid="hub-search-post")
@receiver(post_save, sender=Organisation, dispatch_uid="hub-search-organisation")
def findable_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        search.index(instance)
        if isinstance(instance, Programme):
            # A call's entry names its programme: a renamed programme is found under its new name in its calls too.
            for call in instance.calls.select_related("programme"):
                search.index(call)


@receiver(post_delete, sender=Programme, dispatch_uid="hub-search-programme-gone")
@receiver(post_delete, sender=Call, dispatch_uid="hub-search-call-gone")
@receiver(post_delete, sender=BoardPost, dispatch_uid="hub-search-post-gone")
@receiver(post_delete, sender=Organisation, dispatch_uid="hub-search-organisation-gone")
def findable_deleted(sender, instance, **kwargs) -> None:
    search.unindex(instance)
