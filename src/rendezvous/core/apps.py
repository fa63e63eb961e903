from django.apps import AppConfig


def _outbox_by_status() -> dict[str, float]:
    from django.db.models import Count

    from .models import OutboxMessage

    return dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())


class CoreConfig(AppConfig):
    name = "rendezvous.core"
    label = "core"

    def ready(self):
        from datetime import timedelta

        from django.conf import settings
        from django.middleware import csrf

        from . import field_copies, outbox, ratelimit, schedule, services
        from .observability import register_gauge
        from .randomness import random_string

        # Every new visitor's CSRF token in one read of the OS's generator instead of 64 (see core.randomness).
        csrf.get_random_string = random_string
        # Every form copies its fields when it is built; this copies them at half the cost (see core.field_copies).
        field_copies.install()

        # The workers' periodic jobs (core.schedule); other apps register theirs in their own ready().
        # A sweep held by a worker that died is taken over once a message's lease would be: every message has its
        # own lease too, so two sweeps at once never send a message twice.
        schedule.register(
            "outbox-safety-sweep",
            outbox.deliver_pending,
            every=timedelta(seconds=settings.OUTBOX_SWEEP_SECONDS),
            lease=timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
        )
        schedule.register("prune-sign-in", services.prune_sign_in_records, every=timedelta(hours=6))
        schedule.register("prune-rate-limits", ratelimit.prune, every=timedelta(hours=6))

        register_gauge(
            "rendezvous_outbox_messages",
            "E-mail in the outbox by status (queued is the queue depth)",
            "status",
            _outbox_by_status,
        )
