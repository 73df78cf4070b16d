"""One chain per periodic task, however it is started: repeated starts (every demo start,
every deploy), several workers, a worker killed mid-run, a run that fails."""

import os
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus

from cms.scheduling import periodic, tasks

from .helpers import TASK, after_queuing, run_worker, runs, waiting

ROOT = Path(__file__).resolve().parents[3]


def start() -> None:
    call_command("start_periodic_tasks", verbosity=0)


def make_due() -> None:
    waiting().update(run_after=timezone.now() - timedelta(seconds=1))


@pytest.fixture
def every_minute(tx_db, settings):
    settings.UDSYN_PERIODIC_TASKS = {tasks.publish_scheduled_pages.module_path: 60}


def test_starting_again_and_again_keeps_one_run_waiting(every_minute):
    for _ in range(3):
        start()
    (queued,) = waiting()
    assert after_queuing(queued) == timedelta(seconds=60)
    run_worker()  # not due yet: nothing runs
    assert list(waiting()) == [queued]


def test_each_run_queues_the_next_and_only_that(every_minute):
    start()
    for n in range(1, 4):
        make_due()
        run_worker()
        start()  # a restart between runs changes nothing
        assert runs(TaskResultStatus.SUCCESSFUL).count() == n
        assert waiting().count() == 1


def test_a_run_that_fails_still_leaves_the_next_one_queued(every_minute, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("publishing failed")

    monkeypatch.setattr(tasks, "call_command", broken)
    start()
    make_due()
    run_worker()
    (failed,) = runs(TaskResultStatus.FAILED)
    assert failed.exception_class_path == "builtins.RuntimeError"
    assert waiting().count() == 1


@pytest.mark.parametrize("died", ["before queuing the next run", "after queuing it"])
def test_a_worker_killed_mid_run_is_mended_by_the_next_start(every_minute, died):
    start()
    make_due()
    # The worker claimed the run and was killed: the run stays RUNNING for ever.
    (claimed,) = waiting()
    claimed.claim("killed-worker")
    if died == "after queuing it":
        periodic.queue_next(tasks.publish_scheduled_pages)
    start()
    assert waiting().count() == 1
    start()
    assert waiting().count() == 1


# A worker process that queues the next run at a given moment, and is slow between looking
# for a waiting run and queuing one (the window in which two workers could both find none).
QUEUE_AT = """
import os, sys, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
django.setup()
from django_tasks.base import Task
from cms.scheduling import periodic, tasks
using = Task.using
Task.using = lambda self, **kw: time.sleep(0.5) or using(self, **kw)
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
periodic.queue_next(tasks.publish_scheduled_pages)
"""


def database_url(tmp_path) -> str:
    """This test's database for other processes: PostgreSQL's test database as it is, the
    in-memory SQLite one copied to a file (a file is what the demo and a worker share)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "shared.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def waiting_in(url: str) -> int:
    if url.startswith("sqlite:"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status = 'READY' AND task_path = ?",
                [TASK],
            ).fetchone()[0]
    return waiting().count()


def test_workers_starting_at_the_same_moment_make_one_chain(every_minute, tmp_path):
    start()
    waiting().update(status=TaskResultStatus.SUCCESSFUL)  # its run is over: the next is due
    url = database_url(tmp_path)
    at = time.time() + 10  # every process imported and connected by then
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", QUEUE_AT, str(at)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, errors
    assert waiting_in(url) == 1


def test_the_interval_is_the_setting(every_minute, settings):
    settings.UDSYN_PERIODIC_TASKS = {tasks.publish_scheduled_pages.module_path: 3600}
    start()
    (queued,) = waiting()
    assert after_queuing(queued) == timedelta(hours=1)
