from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "rendezvous.partnerships"
    label = "partnerships"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
