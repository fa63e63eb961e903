"""Enqueueing a task in the current transaction, the database task backend's row written by a statement compiled once.

Every group of a registration burst hands its e-mails to the worker with one task row, written in the group's
transaction (`outbox`). The database backend's `enqueue` saves that row through the ORM, building its statement and
sending the model's save signals, and builds the task's result twice: 0.85 ms of a group's 4.1 ms of web CPU
(2026-12-01, one application per group). Here the row holds what the backend's `enqueue` writes, its `run_after` as
the backend's pre-save signal sets it, and `task_enqueued` is sent as the backend sends it. A test compares the two
rows, so that a release of django-tasks-db that writes its rows otherwise is noticed.
"""

from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import normalize_json, task_enqueued
from django_tasks_db.models import DBTaskResult, get_date_max

from .compiled import CompiledInsert

_task_rows = CompiledInsert(DBTaskResult)


def enqueue(task, *args):
    """`task.enqueue(*args)`, the row inserted by a compiled statement when the task's backend is the database's."""
    backend = task.get_backend()
    # A backend told how to make its ids makes them itself; otherwise they are the model's default.
    if type(backend) is not DatabaseBackend or backend.options.get("id_function"):
        return task.enqueue(*args)
    backend.validate_task(task)
    [row] = _task_rows.insert(
        [
            DBTaskResult(
                args_kwargs=normalize_json({"args": args, "kwargs": {}}),
                priority=task.priority,
                task_path=task.module_path,
                queue_name=task.queue_name,
                run_after=get_date_max() if task.run_after is None else task.run_after,
                backend_name=backend.alias,
            )
        ]
    )
    result = row.task_result
    task_enqueued.send(type(backend), task_result=result)
    return result
