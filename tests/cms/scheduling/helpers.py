"""Running django-tasks' database worker inside a test, as ``manage.py db_worker`` does."""

import signal
from datetime import timedelta

from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.scheduling.tasks import publish_scheduled_pages

TASK = publish_scheduled_pages.module_path


def run_worker() -> None:
    """``manage.py db_worker --batch``: every task that is due, then stop. The command installs
    its own SIGINT/SIGTERM handlers; pytest's are put back afterwards."""
    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)


def runs(status: str | None = None):
    found = DBTaskResult.objects.filter(task_path=TASK)
    return found if status is None else found.filter(status=status)


def waiting():
    return runs(TaskResultStatus.READY)


def after_queuing(run: DBTaskResult) -> timedelta:
    """How long after it was queued a run is due, to the second."""
    return timedelta(seconds=round((run.run_after - run.enqueued_at).total_seconds()))
