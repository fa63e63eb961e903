from datetime import timedelta

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "rendezvous.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from rendezvous.core import happenings, schedule

        from . import services

        happenings.happened.connect(services.on_happening, dispatch_uid="webhooks-queue")
        schedule.register("webhooks.deliver", services.deliver_due, every=timedelta(seconds=30))
