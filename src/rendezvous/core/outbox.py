"""The e-mail outbox: mail is written in the transaction of the change it reports and delivered afterwards.

A mail server outage therefore delays mail and loses none; a rolled-back change sends nothing. Delivery happens in
the django-tasks worker (`rendezvous db_worker`) and, as a safety net, in `rendezvous send_outbox [--loop]`.

Delivery is at-least-once made as close to exactly-once as SMTP allows: a sender claims a message with a lease
(`claimed_until`), sends it, and marks it sent in the same UPDATE that clears the lease. A sender that dies mid-send
leaves the lease to expire, and the next sender sends it again with the same Message-ID (written once, when the row
is), so a receiver can drop the repeat. A failed attempt waits by `RETRY_DELAYS`; after `OUTBOX_MAX_ATTEMPTS`
attempts the message is marked failed and an organiser can "send again".
"""

import logging
import time
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import InterfaceError, OperationalError, close_old_connections, transaction
from django.db import connection as db_connection
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from . import task_rows
from .compiled import CompiledInsert
from .models import OutboxMessage, OutboxStatus
from .observability import current_request_id, request_id_of

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt; after the last one the message is marked failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
    timedelta(hours=4),
)
# The default of settings.OUTBOX_MAX_ATTEMPTS: the first attempt plus one retry per delay.
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# The default of settings.OUTBOX_LEASE_SECONDS.
LEASE_SECONDS = 120
# How many messages one delivery sweep sends at most.
SWEEP_LIMIT = 100
# Written by every group of a registration burst (see core.compiled).
_outbox_rows = CompiledInsert(OutboxMessage)


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    kind: str = "",
    edition=None,
    html_body: str = "",
    reply_to: str = "",
    attachments=(),
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
                "reply_to": reply_to,
                "attachments": list(attachments),
            }
        ]
    )
    return message


def queue_emails(messages: list[dict]) -> list[OutboxMessage]:
    """`queue_email` for many messages at once (same keyword arguments per dict): one insert, and one delivery task
    per `SWEEP_LIMIT` messages instead of one per message."""
    now = timezone.now()
    rows = _outbox_rows.insert(
        [
            OutboxMessage(
                to=message["to"],
                subject=message["subject"][:255],
                body=message["body"],
                html_body=message.get("html_body", ""),
                reply_to=message.get("reply_to", ""),
                attachments=[_attachment(item) for item in message.get("attachments", ())],
                kind=message.get("kind", ""),
                edition=message.get("edition"),
                next_attempt_at=now,
                message_id=new_message_id(),
            )
            for message in messages
        ]
    )
    _hand_to_worker([row.pk for row in rows])
    return rows


def new_message_id() -> str:
    return make_msgid(domain=str(DNS_NAME))


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", MAX_ATTEMPTS)


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", LEASE_SECONDS))


def _retry_delay(attempts: int) -> timedelta:
    delays = getattr(settings, "OUTBOX_RETRY_DELAYS", None) or RETRY_DELAYS
    return delays[min(attempts, len(delays)) - 1]


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
    # The request that wrote the mail hands its id to the task, so the worker's log lines join the request's.
    handed_over = [current_request_id()] if current_request_id() else []
    if len(message_ids) == 1:
        task_rows.enqueue(deliver_outbox_message, message_ids[0], *handed_over)
        return
    for _ in range(0, len(message_ids), SWEEP_LIMIT):
        task_rows.enqueue(deliver_outbox, *handed_over)


def _sends_in_process() -> bool:
    """In development mail goes to the console: print it in the web process right away, no worker needed."""
    configured = getattr(settings, "OUTBOX_SEND_ON_COMMIT", None)
    if configured is not None:
        return bool(configured)
    return settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def _enqueue_retry(message_id: int, run_after: datetime) -> None:
    try:
        deliver_outbox_message.using(run_after=run_after).enqueue(message_id)
    except Exception:
        # The periodic `send_outbox` delivers it anyway; losing the task must not fail the delivery that failed.
        logger.exception("Could not enqueue the retry of outbox message %s", message_id)


def _unclaimed(now: datetime) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)


def _due(now: datetime):
    return (
        OutboxMessage.objects.filter(status=OutboxStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(_unclaimed(now))
    )


def _claim(now: datetime, message_id: int | None = None) -> OutboxMessage | None:
    """Take one due message for sending under a lease, in a short transaction of its own.

    The claim counts the attempt and sets `claimed_until`, so no other sender sees the message as due until this one
    has finished with it or has died and the lease has run out. skip_locked lets concurrent senders on PostgreSQL
    pass each other; SQLite's IMMEDIATE transactions serialise the claims.
    """
    with transaction.atomic():
        due = _due(now).select_for_update(skip_locked=True).order_by("next_attempt_at", "id")
        if message_id is not None:
            due = due.filter(pk=message_id)
        message = due.first()
        if message is None:
            return None
        if message.attempts >= max_attempts():
            # Its last attempt was cut short (the sender died mid-send): give up visibly rather than try forever.
            message.status = OutboxStatus.FAILED
            message.claimed_until = None
            message.save(update_fields=["status", "claimed_until"])
            return None
        message.attempts += 1
        message.claimed_until = now + lease()
        # Rows written before Message-IDs existed get theirs now, once, before the first send.
        message.message_id = message.message_id or new_message_id()
        message.save(update_fields=["attempts", "claimed_until", "message_id"])
        return message


def _send(message: OutboxMessage, connection) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        connection=connection,
        headers={"Message-ID": message.message_id, "X-Rendezvous-Outbox-Id": str(message.pk)},
        reply_to=[message.reply_to] if message.reply_to else None,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for item in message.attachments or ():
        email.attach(item["filename"], item["content"], item["content_type"])
    email.send(fail_silently=False)


def _record(message: OutboxMessage, **changes) -> None:
    """Write the outcome of an attempt and release the lease in one UPDATE, retried through a database outage.

    Losing this write after a successful send would send the message again once the lease runs out, so it is
    retried for about as long as the lease lasts.
    """
    deadline = time.monotonic() + lease().total_seconds()
    pause = 0.2
    while True:
        try:
            OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.QUEUED).update(
                claimed_until=None, **changes
            )
            return
        except (OperationalError, InterfaceError):
            # Inside a caller's transaction a new connection cannot help: that transaction is lost anyway.
            if time.monotonic() >= deadline or db_connection.in_atomic_block:
                raise
            logger.warning("Database unavailable while recording outbox message %s; retrying", message.pk)
            close_old_connections_now()
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def close_old_connections_now() -> None:
    """Drop broken database connections so the next query opens a fresh one (also outside a request cycle)."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:
            continue
        try:
            conn.close()
        except Exception:
            logger.debug("Closing a broken database connection failed", exc_info=True)
    close_old_connections()


def _deliver(message: OutboxMessage, connection, now: datetime) -> bool:
    try:
        _send(message, connection)
    except Exception as error:
        failed = message.attempts >= max_attempts()
        message.next_attempt_at = now + _retry_delay(message.attempts)
        _record(
            message,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=OutboxStatus.FAILED if failed else OutboxStatus.QUEUED,
            next_attempt_at=message.next_attempt_at,
        )
        logger.warning("Outbox message %s not delivered (attempt %s): %s", message.pk, message.attempts, error)
        return False
    _record(message, status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="")
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
    if not delivered and message.attempts < max_attempts():
        _enqueue_retry(message.pk, run_after=message.next_attempt_at)
    return delivered


def requeue(message_ids) -> int:
    """Give failed or waiting messages a fresh round of attempts, starting now (an organiser's "retry" action).

    Sent messages and messages a sender holds right now are left alone: sending those again would duplicate them.
    """
    now = timezone.now()
    with transaction.atomic():
        retried = OutboxMessage.objects.filter(
            pk__in=list(message_ids), status__in=[OutboxStatus.QUEUED, OutboxStatus.FAILED]
        ).filter(_unclaimed(now))
        ids = list(retried.select_for_update().values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=now, claimed_until=None
        )
        _hand_to_worker(ids)
    return len(ids)


# The worker's tasks (run by `rendezvous worker`). They live here, beside what they call, so that the outbox and its
# tasks do not import each other; `core.tasks` is the name the task queue knows them by.
@task()
def deliver_outbox_message(message_id: int, request_id: str = "") -> bool:
    """Deliver one outbox message; retries are scheduled by the outbox itself."""
    with request_id_of(request_id):
        return deliver_message(message_id)


@task()
def deliver_outbox(request_id: str = "") -> int:
    """Deliver everything that is due (a sweep, e.g. after an outage)."""
    with request_id_of(request_id):
        return deliver_pending()
