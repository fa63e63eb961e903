"""Task rows written by a compiled statement are the rows the database task backend writes."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.compat import task_enqueued
from django_tasks_db.models import DBTaskResult

from rendezvous.core import task_rows
from rendezvous.core.compiled import CompiledInsert
from rendezvous.core.tasks import deliver_outbox, deliver_outbox_message

pytestmark = pytest.mark.django_db

# Set by the backend's clock when the row is written, and made anew for each row.
OWN_TO_EACH_ROW = {"id", "enqueued_at"}
LATER = datetime.datetime(2031, 5, 4, 9, 30, tzinfo=datetime.UTC)
FIXED_ID = uuid.UUID("0e2b6c4e-7d1a-4f3b-9a55-3f0c2d1e8b77")


def fixed_id():
    return FIXED_ID


def _row(result) -> dict:
    row = DBTaskResult.objects.values().get(pk=result.id)
    return {name: value for name, value in row.items() if name not in OWN_TO_EACH_ROW}


@pytest.mark.parametrize(
    ("task", "args"),
    [
        (deliver_outbox_message, (41, "request-id")),
        (deliver_outbox, ()),
        (deliver_outbox.using(priority=7), ("request-id",)),
        (deliver_outbox_message.using(run_after=LATER), (42,)),
    ],
)
def test_the_row_is_the_one_the_backend_writes(task, args):
    sent = []

    def receiver(sender, task_result, **kwargs):
        sent.append((sender, task_result))

    task_enqueued.connect(receiver)
    try:
        ours = task_rows.enqueue(task, *args)
        theirs = task.enqueue(*args)
    finally:
        task_enqueued.disconnect(receiver)

    assert _row(ours) == _row(theirs)
    assert ours.id != theirs.id
    assert (ours.args, ours.kwargs, ours.task.module_path, ours.status) == (
        theirs.args,
        theirs.kwargs,
        theirs.task.module_path,
        theirs.status,
    )
    # The backend's signal, for each of them, from the same sender.
    assert [result.id for _sender, result in sent] == [ours.id, theirs.id]
    assert sent[0][0] is sent[1][0]


def test_the_row_is_one_statement_compiled_once_on_postgresql(monkeypatch):
    compiled = CompiledInsert(DBTaskResult)
    monkeypatch.setattr(task_rows, "_task_rows", compiled)
    if connection.vendor == "postgresql":
        # bulk_create writes the same single row; the compiled statement must be the one that ran.
        monkeypatch.setattr(compiled, "_bulk_create", lambda objs: pytest.fail("went to bulk_create"))
    with CaptureQueriesContext(connection) as queries:
        task_rows.enqueue(deliver_outbox, "first")
        task_rows.enqueue(deliver_outbox, "second")
    assert len(queries.captured_queries) == 2
    assert sorted(args["args"] for args in DBTaskResult.objects.values_list("args_kwargs", flat=True)) == [
        ["first"],
        ["second"],
    ]
    if connection.vendor == "postgresql":
        statement = compiled._compiled[(connection.settings_dict["NAME"], 1)]
        assert list(compiled._compiled) == [(connection.settings_dict["NAME"], 1)]
        # The row holds its own key: nothing comes back.
        assert statement is not None and "RETURNING" not in statement
    else:
        assert not compiled._compiled


def test_a_backend_told_how_to_make_ids_makes_them(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "OPTIONS": {"id_function": "tests.core.test_task_rows.fixed_id"},
        }
    }
    result = task_rows.enqueue(deliver_outbox)
    assert result.id == str(FIXED_ID)
    assert DBTaskResult.objects.get().pk == FIXED_ID


def test_another_backend_enqueues_the_task_itself(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    result = task_rows.enqueue(deliver_outbox_message, 5)
    assert result.args == [5]
    assert result.task.get_backend().results == [result]
    assert not DBTaskResult.objects.exists()
