from datetime import timedelta

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "rendezvous.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from rendezvous.core import happenings, schedule

        from . import services
        from .models import Endpoint

        happenings.happened.connect(services.on_happening, dispatch_uid="webhooks-queue")
        post_save.connect(services.endpoint_changed, sender=Endpoint, dispatch_uid="webhooks-endpoint-saved")
        post_delete.connect(services.endpoint_changed, sender=Endpoint, dispatch_uid="webhooks-endpoint-deleted")
        schedule.register("webhooks.deliver", services.deliver_due, every=timedelta(seconds=30))
