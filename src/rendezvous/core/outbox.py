"""The e-mail outbox: mail is written in the transaction of the change it reports and delivered afterwards.

A mail server outage therefore delays mail and loses none; a rolled-back change sends nothing. Delivery happens in
the django-tasks worker (`rendezvous db_worker`) and, as a safety net, in `rendezvous send_outbox [--loop]`.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt; after the last one the message is marked failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
    timedelta(hours=4),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How many messages one delivery sweep sends at most.
SWEEP_LIMIT = 100


def queue_email(
    *, to: str, subject: str, body: str, kind: str = "", edition=None, html_body: str = "", attachments=()
) -> OutboxMessage:
    """Write an e-mail to the outbox in the current transaction and deliver it once that transaction commits.

    Call it inside the transaction that makes the change the mail reports: the mail exists if and only if the change
    commits. Nothing is sent inside the caller's transaction: the django-tasks delivery task is written in it too (the
    database task backend; other backends get it after commit), and `send_outbox` picks up anything a lost task left
    behind. `kind` says what the mail is about (for the admin and tests, e.g. "sign_in_link"); `edition` ties it to an
    edition when there is one. `attachments` are text files, dicts of filename, content_type and content (e.g. an
    `.ics` invitation).
    """
    [message] = queue_emails(
        [
            {
                "to": to,
                "subject": subject,
                "body": body,
                "html_body": html_body,
                "kind": kind,
                "edition": edition,
                "attachments": list(attachments),
            }
        ]
    )
    return message


def queue_emails(messages: list[dict]) -> list[OutboxMessage]:
    """`queue_email` for many messages at once (same keyword arguments per dict): one insert, and one delivery task
    per `SWEEP_LIMIT` messages instead of one per message."""
    now = timezone.now()
    rows = OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                to=message["to"],
                subject=message["subject"][:255],
                body=message["body"],
                html_body=message.get("html_body", ""),
                attachments=[_attachment(item) for item in message.get("attachments", ())],
                kind=message.get("kind", ""),
                edition=message.get("edition"),
                next_attempt_at=now,
            )
            for message in messages
        ]
    )
    _hand_to_worker([row.pk for row in rows])
    return rows


def _attachment(item: dict) -> dict:
    """A text attachment as stored on the message; refuse anything else before it reaches the queue."""
    filename, content_type, content = item["filename"], item["content_type"], item["content"]
    if not (isinstance(filename, str) and isinstance(content_type, str) and isinstance(content, str)):
        raise TypeError("Outbox attachments are text: filename, content_type and content must be strings.")
    return {"filename": filename, "content_type": content_type, "content": content}


def _hand_to_worker(message_ids: list[int]) -> None:
    if not message_ids:
        return
    if _sends_in_process():
        transaction.on_commit(lambda: _deliver_now(message_ids), robust=True)
    elif _tasks_share_the_database():
        # The task row commits, or rolls back, with the messages: a worker cannot see it before the mail exists,
        # and it costs no second transaction (nor a second wait for the disk).
        _enqueue_deliveries(message_ids)
    else:
        transaction.on_commit(lambda: _enqueue_deliveries(message_ids), robust=True)


def _deliver_now(message_ids: list[int]) -> None:
    for message_id in message_ids:
        deliver_message(message_id)


def _tasks_share_the_database() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def _enqueue_deliveries(message_ids: list[int]) -> None:
    from .tasks import deliver_outbox, deliver_outbox_message

    if len(message_ids) == 1:
        deliver_outbox_message.enqueue(message_ids[0])
        return
    for _ in range(0, len(message_ids), SWEEP_LIMIT):
        deliver_outbox.enqueue()


def _sends_in_process() -> bool:
    """In development mail goes to the console: print it in the web process right away, no worker needed."""
    configured = getattr(settings, "OUTBOX_SEND_ON_COMMIT", None)
    if configured is not None:
        return bool(configured)
    return settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def _enqueue_retry(message_id: int, run_after: datetime) -> None:
    from .tasks import deliver_outbox_message

    try:
        deliver_outbox_message.using(run_after=run_after).enqueue(message_id)
    except Exception:
        # The periodic `send_outbox` delivers it anyway; losing the task must not fail the delivery that failed.
        logger.exception("Could not enqueue the retry of outbox message %s", message_id)


def _due(now: datetime):
    return OutboxMessage.objects.filter(status=OutboxStatus.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim(now: datetime, message_id: int | None = None) -> OutboxMessage | None:
    """Take one due message for sending, in a short transaction of its own.

    The claim counts the attempt and moves next_attempt_at to the retry time, so a second sender no longer sees the
    message as due; a sender that dies mid-send leaves it to be retried then. skip_locked lets concurrent senders on
    PostgreSQL pass each other; SQLite's IMMEDIATE transactions serialise the claims.
    """
    with transaction.atomic():
        due = _due(now).select_for_update(skip_locked=True).order_by("next_attempt_at", "id")
        if message_id is not None:
            due = due.filter(pk=message_id)
        message = due.first()
        if message is None:
            return None
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
            message.save(update_fields=["status"])
            return None
        message.attempts += 1
        message.next_attempt_at = now + RETRY_DELAYS[min(message.attempts, len(RETRY_DELAYS)) - 1]
        message.save(update_fields=["attempts", "next_attempt_at"])
        return message


def _send(message: OutboxMessage, connection) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        connection=connection,
        headers={"X-Rendezvous-Outbox-Id": str(message.pk)},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for item in message.attachments or ():
        email.attach(item["filename"], item["content"], item["content_type"])
    email.send(fail_silently=False)


def _deliver(message: OutboxMessage, connection, now: datetime) -> bool:
    try:
        _send(message, connection)
    except Exception as error:
        failed = message.attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message.pk).update(
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=OutboxStatus.FAILED if failed else OutboxStatus.QUEUED,
        )
        logger.warning("Outbox message %s not delivered (attempt %s): %s", message.pk, message.attempts, error)
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="")
    return True


def deliver_pending(limit: int = SWEEP_LIMIT, *, now: datetime | None = None) -> int:
    """Send up to `limit` messages that are due at `now` (default: the current time); return how many went out.

    Failures are recorded on the message (attempts, last_error, next_attempt_at by backoff) and never raised.
    """
    now = now or timezone.now()
    sent = 0
    connection = get_connection(fail_silently=False)
    try:
        for _ in range(limit):
            message = _claim(now)
            if message is None:
                break
            sent += _deliver(message, connection, now)
    finally:
        try:
            connection.close()
        except Exception:
            logger.debug("Closing the mail connection failed", exc_info=True)
    return sent


def deliver_message(message_id: int, *, now: datetime | None = None) -> bool:
    """Send one message if it is still due; on failure schedule a retry task for its next attempt time."""
    now = now or timezone.now()
    message = _claim(now, message_id)
    if message is None:
        return False
    connection = get_connection(fail_silently=False)
    delivered = _deliver(message, connection, now)
    if not delivered and message.attempts < MAX_ATTEMPTS:
        _enqueue_retry(message.pk, run_after=message.next_attempt_at)
    return delivered


def requeue(message_ids) -> int:
    """Give failed or waiting messages a fresh round of attempts, starting now (an organiser's "retry" action)."""
    with transaction.atomic():
        retried = OutboxMessage.objects.filter(
            pk__in=list(message_ids), status__in=[OutboxStatus.QUEUED, OutboxStatus.FAILED]
        )
        ids = list(retried.select_for_update().values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
        _hand_to_worker(ids)
    return len(ids)
