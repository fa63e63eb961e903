from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "rendezvous.events"
    label = "events"
