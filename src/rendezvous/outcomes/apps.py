from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "rendezvous.outcomes"
    label = "outcomes"
