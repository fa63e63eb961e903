from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "rendezvous.registration"
    label = "registration"

    def ready(self) -> None:
        from rendezvous.events import edition_pages

        from .services import seats

        edition_pages.add_part(edition_pages.DASHBOARD, "seats", seats)
