"""Listings cost a constant number of queries; conditional requests; incremental pulls."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.information.models import InformationPage
from cms.sections.models import AudiencePage

from ..factories import danish_tree


def add_pages(section, count: int, start: int = 0) -> list[InformationPage]:
    da = Locale.objects.get(language_code="da")
    pages = []
    for n in range(start, start + count):
        page = section.add_child(
            instance=InformationPage(
                title=f"Side {n}",
                slug=f"side-{n}",
                locale=da,
                summary="Resumé",
                body=[
                    {"type": "paragraph", "value": f"<p>Tekst {n}</p>"},
                    {"type": "checklist", "value": {"title": "Husk", "items": ["Pas", "Kort"]}},
                ],
                content_owner="Test",
                last_reviewed=date(2026, 1, 1),
            )
        )
        page.save_revision().publish()
        pages.append(page)
    return pages


def queries_for(client, **params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.json()["items"])


@pytest.mark.django_db
def test_queries_per_listing_do_not_grow_with_the_number_of_pages(client):
    section = danish_tree()["section"]
    add_pages(section, 7)
    ten = queries_for(client, limit=10)
    add_pages(section, 93, start=7)
    hundred = queries_for(client, limit=100)
    assert ten[1] == 10 and hundred[1] == 100
    assert hundred[0] == ten[0], f"10 items: {ten[0]} queries, 100 items: {hundred[0]}"
    assert hundred[0] <= 15


@pytest.mark.django_db
def test_etag_answers_304_until_something_is_published(client):
    tree = danish_tree()
    first = client.get("/api/v2/pages/", {"limit": 50})
    etag = first["ETag"]
    assert etag and first["Last-Modified"]
    again = client.get("/api/v2/pages/", {"limit": 50}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # Another query string is another resource.
    assert client.get("/api/v2/pages/", {"limit": 49}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    tree["info"].title = "Nyt"
    tree["info"].save_revision().publish()
    changed = client.get("/api/v2/pages/", {"limit": 50}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.django_db
def test_changed_since_lists_changes_and_removals(client):
    tree = danish_tree()
    extra = add_pages(tree["section"], 3)
    since = timezone.now()
    response = client.get("/api/v2/pages/", {"changed_since": since.isoformat()})
    assert response.json()["items"] == [] and response.json()["meta"]["removed"] == []

    tree["info"].title = "Ændret"
    tree["info"].save_revision().publish()
    extra[0].unpublish()
    gone_id = extra[1].id
    extra[1].delete()
    body = client.get("/api/v2/pages/", {"changed_since": since.isoformat()}).json()
    assert [item["id"] for item in body["items"]] == [tree["info"].id]
    removed = {(r["id"], r["reason"]) for r in body["meta"]["removed"]}
    assert {(extra[0].id, "unpublished"), (gone_id, "deleted")} <= removed
    assert {pid for pid, _ in removed} == {extra[0].id, gone_id}
    # The next incremental pull starts from the time this response was made.
    later = body["meta"]["generated_at"]
    assert client.get("/api/v2/pages/", {"changed_since": later}).json()["items"] == []


@pytest.mark.django_db
def test_changed_since_accepts_timezones_and_naive_utc(client):
    danish_tree()
    past = (timezone.now() - timedelta(hours=1)).replace(tzinfo=None).isoformat()
    assert client.get("/api/v2/pages/", {"changed_since": past}).json()["meta"]["total_count"] == 3
    future = "2999-01-01T00:00:00+01:00"
    assert (
        client.get("/api/v2/pages/", {"changed_since": future}).json()["meta"]["total_count"] == 0
    )


@pytest.mark.django_db
def test_a_restriction_is_a_removal_for_incremental_builds(client):
    from wagtail.models import PageViewRestriction

    tree = danish_tree()
    since = timezone.now().isoformat()
    PageViewRestriction.objects.create(
        page=tree["section"], restriction_type=PageViewRestriction.LOGIN
    )
    removed = client.get("/api/v2/pages/", {"changed_since": since}).json()["meta"]["removed"]
    assert {r["id"] for r in removed} == {tree["section"].id, tree["info"].id}
    assert {r["reason"] for r in removed} == {"restricted"}


@pytest.mark.django_db
def test_the_maximum_page_size_is_usable(client):
    section = danish_tree()["section"]
    add_pages(section, 5)
    body = client.get("/api/v2/pages/", {"limit": 200}).json()
    assert body["meta"]["total_count"] == len(body["items"]) == 8


def hide_sections(home, count: int, start: int = 0) -> None:
    """``count`` sections, each with a live page below it, hidden each way a section can be:
    unpublished, restricted, expired."""
    for n in range(start, start + count):
        section = home.add_child(
            instance=AudiencePage(
                title=f"Skjult {n}", slug=f"skjult-{n}", audience="visit", locale=home.locale
            )
        )
        section.save_revision().publish()
        add_pages(section, 1, start=1000 + n)
        way = n % 3
        if way == 0:
            section.unpublish()
        elif way == 1:
            PageViewRestriction.objects.create(
                page=section, restriction_type=PageViewRestriction.LOGIN
            )
        else:
            section.expire_at = timezone.now() - timedelta(seconds=1)
            section.save(update_fields=["expire_at"])


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"changed_since": "2000-01-01T00:00:00Z"}])
def test_queries_per_listing_do_not_grow_with_the_number_of_hidden_sections(client, params):
    tree = danish_tree()
    hide_sections(tree["home"], 3)
    few = queries_for(client, limit=100, **params)
    hide_sections(tree["home"], 60, start=3)
    many = queries_for(client, limit=100, **params)
    assert few[1] == many[1] == 3  # home, section, info: nothing hidden is listed
    assert many[0] == few[0], f"3 hidden sections: {few[0]} queries, 63: {many[0]}"


@pytest.mark.django_db
def test_an_expiry_passing_changes_the_etag(client):
    tree = danish_tree()
    info = tree["info"]
    info.expire_at = timezone.now() + timedelta(hours=1)
    info.save_revision().publish()
    first = client.get("/api/v2/pages/", {"limit": 50})
    assert info.id in {item["id"] for item in first.json()["items"]}
    # The clock reaches the expiry (brought forward, not waited for); nothing is published.
    type(info).objects.filter(pk=info.pk).update(expire_at=timezone.now())
    again = client.get("/api/v2/pages/", {"limit": 50}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert info.id not in {item["id"] for item in again.json()["items"]}
    assert again["ETag"] != first["ETag"]
