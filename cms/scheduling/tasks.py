"""Background work that runs on its own schedule (see periodic.py)."""

from django.core.management import call_command
from django_tasks import task

from . import periodic


@task()
def publish_scheduled_pages() -> None:
    """Wagtail's scheduled publishing: publish the revisions whose go-live time has come and
    unpublish the pages whose expiry has passed. Wagtail's own command does the work, so its
    signals record the removals for the API (cms/api/signals.py), request a site build
    (cms/builds) and pass through the guard against untranslated text
    (cms/localisation/guards.py), exactly as a publish or unpublish in the admin does.

    (The API already hides an expired page from the moment of its expiry; this makes the
    expiry Wagtail's own state and rebuilds the site.)"""
    periodic.queue_next(publish_scheduled_pages)
    call_command("publish_scheduled")


@task()
def prune_task_results() -> None:
    """Delete the records of tasks that finished more than 14 days ago: a run a minute of the
    task above alone leaves 1,440 a day. django-tasks' own command does it."""
    periodic.queue_next(prune_task_results)
    call_command("prune_db_task_results", verbosity=0)
