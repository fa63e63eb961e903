from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rendezvous.demo"
    label = "demo"
