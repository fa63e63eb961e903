"""Background tasks of the shared kernel (run by `rendezvous db_worker`)."""

from django_tasks import task

from . import outbox


@task()
def deliver_outbox_message(message_id: int) -> bool:
    """Deliver one outbox message; retries are scheduled by the outbox itself."""
    return outbox.deliver_message(message_id)


@task()
def deliver_outbox() -> int:
    """Deliver everything that is due (a sweep, e.g. after an outage)."""
    return outbox.deliver_pending()
