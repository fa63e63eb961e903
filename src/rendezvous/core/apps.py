from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rendezvous.core"
    label = "core"
