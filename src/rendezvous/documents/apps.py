from datetime import timedelta

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "rendezvous.documents"
    label = "documents"

    def ready(self) -> None:
        from rendezvous.core import schedule
        from rendezvous.events import edition_pages

        from . import (
            checks,  # noqa: F401  (importing it registers the passport-key check)
            retention,
            visa,
        )

        # The organisers' staff page shows who handles visa letters, and lets them grant and revoke it.
        edition_pages.add_part(edition_pages.STAFF_PAGE, "visa_letter_officers", visa.officer_ids)

        schedule.register("purge-personal-data", retention.purge_quietly, every=timedelta(days=1))
