"""The removal feed (meta.removed with changed_since) reports an expiry from the moment it
passes, before or after Wagtail's publish_scheduled has run, once: in the pull whose window
(since, generated_at] holds it."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from ..factories import danish_tree
from .test_efficiency import add_pages


def feed(client, since: str) -> dict:
    response = client.get("/api/v2/pages/", {"changed_since": since, "limit": 200})
    assert response.status_code == 200
    return response.json()


def publish_to_expire(page, seconds: float):
    page = Page.objects.get(pk=page.pk).specific
    page.expire_at = timezone.now() + timedelta(seconds=seconds)
    page.save_revision().publish()
    return page


def wait_until(moment) -> None:
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.01)


def clock_passes(page):
    """The moment ``page`` was published to expire at comes (without waiting for it)."""
    page.expire_at = timezone.now()
    Page.objects.filter(pk=page.pk).update(expire_at=page.expire_at)


@pytest.mark.django_db
def test_an_expiry_is_reported_in_the_one_pull_whose_window_holds_it(client):
    tree = danish_tree()
    pages = add_pages(tree["section"], 3)
    soon = publish_to_expire(pages[0], 3600)
    later = publish_to_expire(pages[1], 7200)  # not in any window here
    section = publish_to_expire(tree["section"], 3600)  # with it, every page below it
    first = feed(client, timezone.now().isoformat())
    assert first["meta"]["removed"] == []
    listed = {item["id"] for item in feed(client, "2000-01-01T00:00:00Z")["items"]}
    assert {soon.id, later.id, section.id} <= listed

    clock_passes(soon)
    clock_passes(section)  # after the page's own expiry
    second = feed(client, first["meta"]["generated_at"])
    below = {tree["info"].id, *(p.id for p in pages)}
    removed = {r["id"]: r for r in second["meta"]["removed"]}
    assert set(removed) == {section.id, *below}
    assert {r["reason"] for r in removed.values()} == {"expired"}
    assert removed[soon.id]["removed_at"] == soon.expire_at.isoformat()  # its own, the earlier
    assert removed[later.id]["removed_at"] == section.expire_at.isoformat()
    assert second["items"] == []
    # Reported once: the next window has nothing, before or after publish_scheduled ran.
    third = feed(client, second["meta"]["generated_at"])
    assert third["meta"]["removed"] == [] and third["items"] == []
    call_command("publish_scheduled")
    fourth = feed(client, second["meta"]["generated_at"])
    assert fourth["items"] == []
    assert {(r["id"], r["reason"]) for r in fourth["meta"]["removed"]} <= {
        (pid, "expired") for pid in removed
    }


@pytest.mark.django_db
def test_publish_scheduled_records_the_expiry_it_carries_out(client):
    tree = danish_tree()
    section = publish_to_expire(tree["section"], 0.2)
    wait_until(section.expire_at)
    since = timezone.now().isoformat()
    assert feed(client, since)["meta"]["removed"] == []  # the moment passed before since
    call_command("publish_scheduled")
    removed = feed(client, since)["meta"]["removed"]
    assert {(r["id"], r["reason"]) for r in removed} == {
        (section.id, "expired"),
        (tree["info"].id, "expired"),  # unpublished below it: no longer public either
    }
