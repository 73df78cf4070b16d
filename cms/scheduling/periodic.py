"""Periodic tasks on django-tasks' database backend: each run queues the next one, so the
work goes on with nothing but ``manage.py db_worker`` running.

django-tasks has no scheduler of its own. A periodic task calls ``queue_next`` when it starts,
before its work, so that a run that fails or whose worker is killed still leaves the next one
queued; ``manage.py start_periodic_tasks`` (run at every start of the demo and on every
deploy) queues the first run and mends a chain whose queued run was lost. Both go through the
same step, which queues a run only if the task has none waiting: several workers, restarts
and repeated starts never make a second chain. The intervals are the setting
``UDSYN_PERIODIC_TASKS`` (task path -> seconds)."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks.base import Task, TaskResult
from django_tasks_db.models import DBTaskResult

from .models import PeriodicChain


def interval(task: Task) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.UDSYN_PERIODIC_TASKS[task.module_path])


@contextmanager
def serialised(using: str) -> Iterator[None]:
    """A transaction in which two workers cannot both find no run waiting: on PostgreSQL the
    chain's row lock (select_for_update) does that; SQLite has no row locks, so there the
    transaction begins EXCLUSIVE and other writers wait for it."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        with transaction.atomic(using=using):
            yield
        return
    # Connecting sets transaction_mode from the settings: connect first, then change it.
    connection.ensure_connection()
    mode, connection.transaction_mode = connection.transaction_mode, "EXCLUSIVE"
    try:
        with transaction.atomic(using=using):
            yield
    finally:
        connection.transaction_mode = mode


def queue_next(task: Task) -> TaskResult | None:
    """Queue the next run of ``task`` one interval from now, unless a run is already waiting.
    Returns the queued run, or None if there was one."""
    with serialised(PeriodicChain.objects.db):
        chain, _ = PeriodicChain.objects.select_for_update().get_or_create(
            task_path=task.module_path
        )
        if (
            chain.next_run is not None
            and DBTaskResult.objects.filter(
                id=chain.next_run, status=TaskResultStatus.READY
            ).exists()
        ):
            return None
        result = task.using(run_after=timezone.now() + interval(task)).enqueue()
        chain.next_run = result.id
        chain.save(update_fields=["next_run"])
        return result


def start_all() -> list[str]:
    """Make sure every periodic task has its next run queued; the paths of those that lacked
    one."""
    return [
        path
        for path in settings.UDSYN_PERIODIC_TASKS
        if queue_next(import_string(path)) is not None
    ]
