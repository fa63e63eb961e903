from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "rendezvous.programme"
    label = "programme"
