from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "rendezvous.participation"
    label = "participation"
