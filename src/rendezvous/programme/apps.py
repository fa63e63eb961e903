from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "rendezvous.programme"
    label = "programme"

    def ready(self) -> None:
        from rendezvous.events import edition_pages

        from . import signals
        from .services import programme_summary
        from .timetable import clash_count

        signals.connect()
        edition_pages.add_part(edition_pages.EDITION_PAGE, "programme_summary", programme_summary)
        edition_pages.add_part(edition_pages.DASHBOARD, "clash_count", clash_count)
