from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "rendezvous.partnerships"
    label = "partnerships"
