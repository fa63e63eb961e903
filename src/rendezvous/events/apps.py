from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "rendezvous.events"
    label = "events"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Edition
        from .services import forget_recent_edition

        post_save.connect(forget_recent_edition, sender=Edition, dispatch_uid="events-forget-recent-edition-save")
        post_delete.connect(forget_recent_edition, sender=Edition, dispatch_uid="events-forget-recent-edition-delete")
