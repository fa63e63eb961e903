from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rendezvous.api"
    label = "api"
