"""Scheduled go-live and expiry happen with nobody clicking: the periodic task, queued on
django-tasks' database backend and run by its worker, publishes and unpublishes through
Wagtail's publish_scheduled, and the site is rebuilt by the real build server."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Revision

from cms.builds import triggers
from cms.builds.models import BuildRun
from cms.information.models import InformationPage
from cms.scheduling import periodic
from cms.scheduling.tasks import prune_task_results, publish_scheduled_pages

from ...sitebuild.test_server import Server
from ..api.test_efficiency import add_pages
from ..factories import danish_tree
from .helpers import after_queuing, run_worker, runs, waiting

TOKEN = "a-shared-build-token"  # noqa: S105 - a test value


@pytest.fixture
def site(tx_db, live_server, settings, tmp_path):
    tree = danish_tree()
    add_pages(tree["section"], 4)  # so that one page expiring is no big drop for verify
    triggers.flush()
    out = tmp_path / "site"
    server = Server(f"{live_server.url}/api/v2/", out, token=TOKEN)
    settings.UDSYN_BUILD_HOOK_URL = server.url + "build"
    settings.UDSYN_BUILD_HOOK_TOKEN = TOKEN
    settings.UDSYN_BUILD_DEBOUNCE_SECONDS = 0.2
    yield {**tree, "out": out, "api": f"{live_server.url}/api/v2/"}
    server.process.kill()
    server.process.wait()


def built(out, page) -> bool:
    return out.joinpath(page.url_path.strip("/"), "index.html").is_file()


def public(client, page) -> bool:
    return client.get(f"/api/v2/pages/{page.id}/").status_code == 200


def time_passes(revision, page) -> None:
    """The moment comes for the scheduled revision to go live and for the page to expire:
    both brought forward to now rather than waited for."""
    now = timezone.now()
    revision.content["go_live_at"] = now.isoformat()
    revision.approved_go_live_at = now
    revision.save(update_fields=["content", "approved_go_live_at"])
    Page.objects.filter(pk=page.pk).update(expire_at=now)


def test_the_worker_publishes_and_expires_on_time_and_the_site_follows(site, client):
    later = timezone.now() + timedelta(hours=1)
    new = site["section"].add_child(
        instance=InformationPage(
            title="Ny side om skolestart",
            slug="ny-side",
            locale=site["home"].locale,
            summary="Ny",
            body=[{"type": "paragraph", "value": "<p>Ny tekst.</p>"}],
            content_owner="Skoleservice",
            last_reviewed=timezone.now().date(),
            live=False,
            go_live_at=later,
        )
    )
    scheduled = new.save_revision()
    scheduled.publish()  # scheduled: not live before its time
    info = site["info"].specific
    info.expire_at = later
    info.save_revision().publish()
    triggers.flush()
    BuildRun.objects.all().delete()
    assert built(site["out"], info) and not built(site["out"], new)
    assert not Page.objects.get(pk=new.pk).live

    time_passes(Revision.objects.get(pk=scheduled.pk), info)
    assert not public(client, info)  # expired: off the API already, before any command
    assert not public(client, new)  # not yet published: that takes the task
    assert not BuildRun.objects.exists()

    result = publish_scheduled_pages.enqueue()
    run_worker()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    assert Page.objects.get(pk=new.pk).live
    info.refresh_from_db()
    assert not info.live and info.expired
    assert public(client, new)

    triggers.flush()
    run = BuildRun.objects.get()  # one build for both changes
    assert run.status == BuildRun.Status.SUCCEEDED, run.message
    assert "Ny side om skolestart" in run.reason and info.title in run.reason
    assert built(site["out"], Page.objects.get(pk=new.pk))
    assert not built(site["out"], info)

    # And it goes on: the next run is queued, a minute on.
    assert runs().count() == 2
    (following,) = waiting()
    assert after_queuing(following) == timedelta(seconds=60)


def test_finished_task_records_are_pruned_after_two_weeks(tx_db):
    start = periodic.start_all()
    assert sorted(start) == sorted(settings.UDSYN_PERIODIC_TASKS)
    old, recent = (publish_scheduled_pages.enqueue() for _ in range(2))
    run_worker()
    DBTaskResult.objects.filter(id=old.id).update(finished_at=timezone.now() - timedelta(days=15))
    DBTaskResult.objects.filter(task_path=prune_task_results.module_path).update(
        run_after=timezone.now()
    )
    run_worker()
    assert not DBTaskResult.objects.filter(id=old.id).exists()
    assert DBTaskResult.objects.filter(id=recent.id).exists()
    # Each chain has its next run waiting, a day on for the pruning.
    (prune,) = DBTaskResult.objects.filter(
        task_path=prune_task_results.module_path, status=TaskResultStatus.READY
    )
    assert after_queuing(prune) == timedelta(days=1)
    assert waiting().count() == 1
