from datetime import timedelta

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "rendezvous.documents"
    label = "documents"

    def ready(self) -> None:
        from rendezvous.core import schedule

        from . import (
            checks,  # noqa: F401  (importing it registers the passport-key check)
            retention,
        )

        schedule.register("purge-personal-data", retention.purge_quietly, every=timedelta(days=1))
