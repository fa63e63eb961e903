from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "rendezvous.registration"
    label = "registration"
