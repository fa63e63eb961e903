"""The outbox against a real SMTP server: nothing is lost in an outage, nothing is sent twice or from a rollback."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rendezvous.core import outbox
from rendezvous.core.models import OutboxMessage, OutboxStatus
from rendezvous.core.tasks import deliver_outbox_message
from tests.core.smtp import smtp_server  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def queue(n: int = 1, **kwargs) -> list[OutboxMessage]:
    return [
        outbox.queue_email(to=f"person{i}@example.org", subject=f"Message {i}", body=f"Body {i}", **kwargs)
        for i in range(n)
    ]


def test_rolled_back_transaction_leaves_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        queue(kind="test")
        raise RuntimeError("the change fails")
    assert OutboxMessage.objects.count() == 0
    assert callbacks == []


def test_the_delivery_task_is_written_in_the_same_transaction_as_the_mail():
    with transaction.atomic():
        (message,) = queue(kind="test")
        # The task row is part of the change: a worker sees it only once the mail it delivers is committed.
        task = DBTaskResult.objects.get()
    assert task.task_path == "rendezvous.core.outbox.deliver_outbox_message"
    assert task.args_kwargs["args"] == [message.pk]


def test_a_rolled_back_change_leaves_neither_mail_nor_task():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(2, kind="test")
        raise RuntimeError("the change fails")
    assert OutboxMessage.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_many_messages_at_once_get_one_sweep_task_per_hundred():
    rows = outbox.queue_emails(
        [{"to": f"person{i}@example.org", "subject": "Hello", "body": "Body"} for i in range(outbox.SWEEP_LIMIT + 1)]
    )
    assert len(rows) == OutboxMessage.objects.count() == outbox.SWEEP_LIMIT + 1
    assert (
        list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["rendezvous.core.outbox.deliver_outbox"] * 2
    )


def test_other_task_backends_get_the_task_after_commit(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue(kind="test")
    assert len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_worker_delivers_the_queued_mail(smtp_server):  # noqa: F811
    with transaction.atomic():
        (message,) = queue(kind="test", html_body="<p>Body 0</p>")
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.sent_at is not None
    (received,) = smtp_server.messages
    assert received["To"] == "person0@example.org"
    assert received["Subject"] == "Message 0"
    assert received.get_body(("html",)).get_content().strip() == "<p>Body 0</p>"


def test_outage_delays_mail_and_loses_none(smtp_server):  # noqa: F811
    queue(3)
    now = timezone.now()
    smtp_server.stop()

    assert outbox.deliver_pending(now=now) == 0
    for message in OutboxMessage.objects.all():
        assert message.status == OutboxStatus.QUEUED
        assert message.attempts == 1
        assert "Connection refused" in message.last_error or "Errno" in message.last_error
        assert message.next_attempt_at == now + timedelta(minutes=1)

    smtp_server.start()
    assert outbox.deliver_pending(now=now + timedelta(seconds=30)) == 0, "not due before the retry time"
    assert outbox.deliver_pending(now=now + timedelta(minutes=1)) == 3
    assert outbox.deliver_pending(now=now + timedelta(days=1)) == 0
    assert sorted(m["To"] for m in smtp_server.messages) == [f"person{i}@example.org" for i in range(3)]
    assert set(OutboxMessage.objects.values_list("status", "attempts", "last_error")) == {(OutboxStatus.SENT, 2, "")}


def test_retries_back_off_then_give_up_visibly(smtp_server):  # noqa: F811
    smtp_server.stop()
    (message,) = queue()
    now = timezone.now()
    waits = []
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.deliver_pending(now=now)
        message.refresh_from_db()
        waits.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 5, 15, 60)]
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == outbox.MAX_ATTEMPTS
    assert message.last_error
    smtp_server.start()
    assert outbox.deliver_pending(now=now + timedelta(days=7)) == 0
    assert smtp_server.messages == []


def test_send_outbox_command_delivers_due_mail_without_the_worker(smtp_server, capsys):  # noqa: F811
    queue(2)
    call_command("send_outbox")
    assert "2 message(s) sent" in capsys.readouterr().out
    assert len(smtp_server.messages) == 2


def test_task_skips_a_message_already_sent(smtp_server):  # noqa: F811
    (message,) = queue()
    assert deliver_outbox_message.call(message.pk) is True
    assert deliver_outbox_message.call(message.pk) is False
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_two_senders_never_send_the_same_message_twice(smtp_server):  # noqa: F811
    queue(12)
    results: list[int] = []
    start = threading.Barrier(2)

    def sender():
        try:
            start.wait()
            results.append(outbox.deliver_pending())
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 12
    recipients = [m["To"] for m in smtp_server.messages]
    assert len(recipients) == len(set(recipients)) == 12
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(OutboxStatus.SENT, 1)}


def test_failed_mail_is_visible_in_the_admin_and_can_be_sent_again(client, smtp_server):  # noqa: F811
    from django.contrib.auth import get_user_model

    (message,) = queue(kind="registration_received")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.FAILED, attempts=outbox.MAX_ATTEMPTS, last_error="SMTPServerDisconnected: gone"
    )
    admin_user = get_user_model().objects.create_superuser("admin@unoosa.example")
    client.force_login(admin_user)  # the sign-in itself is tested in test_sign_in.py
    page = client.get("/admin/core/outboxmessage/?status__exact=failed")
    assert page.status_code == 200 and b"person0@example.org" in page.content

    response = client.post(
        "/admin/core/outboxmessage/", {"action": "send_again", "_selected_action": [message.pk]}, follow=True
    )
    assert b"1 message(s) queued again" in response.content
    assert outbox.deliver_pending() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 1)
    assert len(smtp_server.messages) == 1


def test_in_development_mail_is_printed_by_the_web_process_after_commit(
    settings, capsys, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = queue()
        assert capsys.readouterr().out == "", "nothing is sent inside the transaction"
    assert "Body 0" in capsys.readouterr().out
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert DBTaskResult.objects.count() == 0


def test_a_failed_task_schedules_its_retry_for_the_backoff_time(smtp_server):  # noqa: F811
    (message,) = queue()
    DBTaskResult.objects.all().delete()  # the delivery task written with the mail; this test runs it by hand
    smtp_server.stop()
    assert deliver_outbox_message.call(message.pk) is False
    message.refresh_from_db()
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"] == [message.pk]
    assert retry.run_after == message.next_attempt_at


def test_send_again_gives_failed_mail_a_fresh_round_and_leaves_sent_mail_alone(smtp_server):  # noqa: F811
    failed, sent = queue(2)
    OutboxMessage.objects.filter(pk=failed.pk).update(status=OutboxStatus.FAILED, attempts=outbox.MAX_ATTEMPTS)
    OutboxMessage.objects.filter(pk=sent.pk).update(status=OutboxStatus.SENT)
    DBTaskResult.objects.all().delete()

    assert outbox.requeue([failed.pk, sent.pk]) == 1

    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (OutboxStatus.QUEUED, 0)
    task = DBTaskResult.objects.get()  # written with the change, for the requeued message only
    assert task.args_kwargs["args"] == [failed.pk]
    assert deliver_outbox_message.call(failed.pk) is True
    assert [m["To"] for m in smtp_server.messages] == [failed.to]
    assert OutboxMessage.objects.get(pk=sent.pk).status == OutboxStatus.SENT


def test_every_attempt_sends_the_message_id_written_with_the_row(smtp_server):  # noqa: F811
    (message,) = queue()
    assert message.message_id.startswith("<") and message.message_id.endswith(">")
    now = timezone.now()
    smtp_server.stop()
    outbox.deliver_pending(now=now)
    smtp_server.start()
    assert outbox.deliver_pending(now=now + timedelta(minutes=1)) == 1
    [received] = smtp_server.messages
    assert received["Message-ID"] == message.message_id
    message.refresh_from_db()
    assert (message.status, message.claimed_until) == (OutboxStatus.SENT, None)


def test_a_message_held_by_a_sender_is_taken_over_only_after_its_lease(smtp_server, settings):  # noqa: F811
    settings.OUTBOX_LEASE_SECONDS = 60
    (message,) = queue()
    now = timezone.now()
    # A sender claims the message and dies before it records anything.
    claimed = outbox._claim(now)
    assert claimed.pk == message.pk and claimed.claimed_until == now + timedelta(seconds=60)

    assert outbox.deliver_pending(now=now + timedelta(seconds=59)) == 0, "another sender holds it"
    assert outbox.requeue([message.pk]) == 0, "'send again' must not duplicate a message being sent"
    assert smtp_server.messages == []

    assert outbox.deliver_pending(now=now + timedelta(seconds=61)) == 1
    assert [m["Message-ID"] for m in smtp_server.messages] == [message.message_id]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.claimed_until) == (OutboxStatus.SENT, 2, None)
    assert outbox.requeue([message.pk]) == 0, "sent mail is not sent again"


def test_attempt_limit_and_delays_come_from_settings(smtp_server, settings):  # noqa: F811
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.OUTBOX_RETRY_DELAYS = [timedelta(seconds=10)]
    smtp_server.stop()
    (message,) = queue()
    now = timezone.now()
    outbox.deliver_pending(now=now)
    message.refresh_from_db()
    assert (message.status, message.next_attempt_at) == (OutboxStatus.QUEUED, now + timedelta(seconds=10))
    outbox.deliver_pending(now=now + timedelta(seconds=10))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 2)
