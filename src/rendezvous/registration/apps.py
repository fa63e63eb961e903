import re

from django.apps import AppConfig


def _is_approved_participant(user, edition) -> bool:
    from .services import registration_for

    registration = registration_for(edition, user)
    return registration is not None and registration.is_approved


def _registrations_by_status() -> dict[str, float]:
    from django.db.models import Count

    from .models import Registration

    return dict(Registration.objects.values_list("status").annotate(n=Count("id")).order_by())


class RegistrationConfig(AppConfig):
    name = "rendezvous.registration"
    label = "registration"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from rendezvous.core import front_door
        from rendezvous.core.observability import register_gauge
        from rendezvous.events import edition_pages, participants
        from rendezvous.events.models import Edition, Venue

        from . import page_cache, views
        from .models import RegistrationPolicy, RegistrationRule
        from .services import seats
        from .services.public_page import forget_recent_policies

        # A venue is in the confirmation e-mails a group's state keeps (services.burst).
        for model in (RegistrationPolicy, RegistrationRule, Edition, Venue):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_recent_policies, sender=model, dispatch_uid=f"registration-forget-{model.__name__}-{signal}"
                )

        edition_pages.add_part(edition_pages.DASHBOARD, "seats", seats)
        # The registration page every applicant of a burst loads, answered at the front of the middleware stack for
        # anonymous visitors (see core.front_door); the pattern is urls.py's (a test checks it resolves to the view).
        front_door.register(
            front_door.Door(
                "registration:register",
                re.compile(r"^/events/(?P<slug>[-a-zA-Z0-9_]+)/register/$"),
                views.front_door_key,
                fill=page_cache.with_tokens,
            )
        )
        participants.provide_approved_participant(_is_approved_participant)
        register_gauge(
            "rendezvous_registrations", "Registrations of every edition by status", "status", _registrations_by_status
        )
