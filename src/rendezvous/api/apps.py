from datetime import timedelta

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rendezvous.api"
    label = "api"

    def ready(self) -> None:
        from rendezvous.core import schedule

        from .auth import purge_idempotency_keys

        schedule.register("api.purge_idempotency_keys", purge_idempotency_keys, every=timedelta(hours=1))
