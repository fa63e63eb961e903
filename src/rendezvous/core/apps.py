from django.apps import AppConfig


def _outbox_by_status() -> dict[str, float]:
    from django.db.models import Count

    from .models import OutboxMessage

    return dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())


class CoreConfig(AppConfig):
    name = "rendezvous.core"
    label = "core"

    def ready(self):
        from .observability import register_gauge

        register_gauge(
            "rendezvous_outbox_messages",
            "E-mail in the outbox by status (queued is the queue depth)",
            "status",
            _outbox_by_status,
        )
