from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "rendezvous.programme"
    label = "programme"

    def ready(self) -> None:
        from . import signals

        signals.connect()
