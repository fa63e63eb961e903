from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "rendezvous.partnerships"
    label = "partnerships"

    def ready(self) -> None:
        from datetime import timedelta

        from rendezvous.core import publishers, schedule

        from . import signals  # noqa: F401  (connects the receivers)
        from .permissions import managed_publishers
        from .services.digest import send_digests

        publishers.provide_managed_publishers(managed_publishers)
        # Each person gets at most one digest a week; looking daily spreads them over the week they opted in.
        schedule.register("hub-digest", send_digests, every=timedelta(days=1))
