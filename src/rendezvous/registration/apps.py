from django.apps import AppConfig


def _registrations_by_status() -> dict[str, float]:
    from django.db.models import Count

    from .models import Registration

    return dict(Registration.objects.values_list("status").annotate(n=Count("id")).order_by())


class RegistrationConfig(AppConfig):
    name = "rendezvous.registration"
    label = "registration"

    def ready(self):
        from rendezvous.core.observability import register_gauge

        register_gauge(
            "rendezvous_registrations", "Registrations of every edition by status", "status", _registrations_by_status
        )
