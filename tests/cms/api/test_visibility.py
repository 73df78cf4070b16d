"""Only what the public may see, modelled on Wagtail's own API tests
(wagtail/api/v2/tests/test_pages.py): restricted pages and their descendants, drafts, search,
and internal fields never appear, whether the request is anonymous or logged in."""

import json
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.sections.models import AudiencePage

from ..factories import danish_tree


@pytest.fixture
def tree(db):
    return danish_tree()


@pytest.fixture(params=["anonymous", "superuser"])
def api(request, client, django_user_model):
    if request.param == "superuser":
        client.force_login(django_user_model.objects.create_superuser("root", password="x"))

    def get(path: str, **params):
        response = client.get(f"/api/v2/{path}", params)
        return response.status_code, response.json() if response.content else None

    return get


def listed_ids(api) -> set[int]:
    status, body = api("pages/", limit=200)
    assert status == 200
    return {item["id"] for item in body["items"]}


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "s3cret"},
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.GROUPS},
    ],
    ids=["password", "login", "groups"],
)
def test_restricted_pages_and_their_descendants_are_never_served(tree, api, restriction):
    section, info = tree["section"], tree["info"]
    assert {section.id, info.id} <= listed_ids(api)
    view_restriction = PageViewRestriction.objects.create(page=section, **restriction)
    if restriction["restriction_type"] == PageViewRestriction.GROUPS:
        view_restriction.groups.add(Group.objects.get_or_create(name="Insiders")[0])

    ids = listed_ids(api)
    assert section.id not in ids
    assert info.id not in ids  # the descendant too
    assert tree["home"].id in ids
    for page in (section, info):
        status, _ = api(f"pages/{page.id}/")
        assert status == 404
    status, body = api("pages/", translation_key=str(info.translation_key))
    assert body["items"] == []


def test_a_newer_draft_is_never_served(tree, api):
    info = tree["info"]
    info.title = "UDKAST"
    info.summary = "hemmelig kladde"
    info.save_revision()
    status, body = api(f"pages/{info.id}/")
    assert status == 200
    assert body["title"] == "Indskriv dit barn i skole"
    dump = json.dumps(api("pages/", limit=200)[1])
    assert "UDKAST" not in dump and "hemmelig" not in dump


def test_unpublished_pages_are_not_served(tree, api):
    tree["info"].unpublish()
    assert tree["info"].id not in listed_ids(api)
    assert api(f"pages/{tree['info'].id}/")[0] == 404


def test_a_listing_by_ids_answers_only_the_public_ones(tree, api):
    """What the build's leak check asks (sitebuild/leaks.py): of these pages, which are
    public, and where."""
    info, section = tree["info"], tree["section"]
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    home = tree["home"]
    status, body = api("pages/", ids=f"{home.id},{section.id},{info.id},999999", fields="title")
    assert status == 200
    assert [item["id"] for item in body["items"]] == [home.id]
    assert body["meta"]["total_count"] == 1


def test_search_is_off(tree, api):
    status, body = api("pages/", search="skole")
    assert status == 400
    assert "search is disabled" in body["message"]


@pytest.mark.parametrize("field", ["owner", "latest_revision", "locked_by", "live_revision"])
def test_internal_fields_cannot_be_requested(tree, api, field):
    status, body = api("pages/", fields=field)
    assert status == 400
    assert field in body["message"]


def test_no_user_names_or_revision_data_in_responses(tree, api, django_user_model):
    editor = django_user_model.objects.create_user(
        "jensine.editor", password="x", first_name="Jensine"
    )
    info = tree["info"]
    info.owner = editor
    info.save_revision(user=editor).publish()  # logged as the editor's revision
    text = json.dumps(api("pages/", limit=200)[1]) + json.dumps(api(f"pages/{info.id}/")[1])
    for leak in ("jensine", "Jensine", '"owner"', "revision", '"locked', '"live"'):
        assert leak not in text


# -- every way a page leaves the public API, and the ways back --------------------------------


def expire(page, wait: float = 0.2) -> None:
    """Publish the page to expire ``wait`` seconds later, and let the clock pass it, with no
    command run."""
    page = Page.objects.get(pk=page.pk).specific
    page.expire_at = timezone.now() + timedelta(seconds=wait)
    page.save_revision().publish()
    time.sleep(max(0.0, (page.expire_at - timezone.now()).total_seconds()) + 0.01)


def new_section(tree, slug: str, publish: bool = True) -> AudiencePage:
    section = tree["home"].add_child(
        instance=AudiencePage(
            title=slug.title(), slug=slug, audience="visit", locale=tree["home"].locale
        )
    )
    if publish:
        section.save_revision().publish()
    else:
        Page.objects.filter(pk=section.pk).update(live=False)
    return section


def restrict(page, kind=PageViewRestriction.LOGIN) -> PageViewRestriction:
    extra = {"password": "s3cret"} if kind == PageViewRestriction.PASSWORD else {}
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get_or_create(name="Insiders")[0])
    return restriction


def move(page, parent) -> None:
    Page.objects.get(pk=page.pk).move(Page.objects.get(pk=parent.pk), pos="last-child")


def moved_under_restricted(tree):
    target = new_section(tree, "intern")
    restrict(target)
    move(tree["info"], target)
    return ["info"]


def moved_under_unpublished(tree):
    move(tree["info"], new_section(tree, "kladde", publish=False))
    return ["info"]


def moved_under_expired(tree):
    target = new_section(tree, "udloebet")
    expire(target)
    move(tree["info"], target)
    return ["info"]


def restriction_type_changed(tree):
    restriction = restrict(tree["section"], PageViewRestriction.PASSWORD)
    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()
    return ["section", "info"]


WAYS_OUT = {
    "unpublished": lambda tree: tree["info"].unpublish() or ["info"],
    "deleted": lambda tree: tree["info"].delete() and ["info"],
    "section deleted": lambda tree: tree["section"].delete() and ["section", "info"],
    "restricted": lambda tree: restrict(tree["info"], PageViewRestriction.PASSWORD) and ["info"],
    "ancestor restricted": lambda tree: restrict(tree["section"]) and ["section", "info"],
    "restriction type changed": restriction_type_changed,
    "moved under a restricted page": moved_under_restricted,
    "moved under an unpublished page": moved_under_unpublished,
    "moved under an expired page": moved_under_expired,
    "ancestor unpublished": lambda tree: tree["section"].unpublish() or ["section", "info"],
    "ancestor expired": lambda tree: expire(tree["section"]) or ["section", "info"],
    "own expiry passed": lambda tree: expire(tree["info"]) or ["info"],
    "expired, publish_scheduled run": lambda tree: (
        expire(tree["info"]) or call_command("publish_scheduled") or ["info"]
    ),
}


def ok(api, path: str, **params) -> dict:
    status, body = api(path, **params)
    assert status == 200, body
    return body


def assert_served(api, ids: set[int], served: bool) -> None:
    """Whether ``ids`` are in every view of the public API: listing, detail, ?ids=,
    translation_key, changed_since, navigation, and the counts."""
    body = ok(api, "pages/", limit=200)
    assert body["meta"]["total_count"] == len(body["items"])
    listed = {item["id"] for item in body["items"]}
    assert (ids <= listed) if served else not (ids & listed)
    for pid in ids:
        assert api(f"pages/{pid}/")[0] == (200 if served else 404)
    body = ok(api, "pages/", ids=",".join(map(str, ids)))
    assert body["meta"]["total_count"] == len(body["items"]) == (len(ids) if served else 0)
    keys = ",".join(str(p.translation_key) for p in Page.objects.filter(pk__in=ids))
    if keys:
        body = ok(api, "pages/", translation_key=keys)
        assert {item["id"] for item in body["items"]} == (ids if served else set())
    since = "2000-01-01T00:00:00Z"
    body = ok(api, "pages/", changed_since=since, limit=200)
    assert body["meta"]["total_count"] == len(body["items"])
    changed = {item["id"] for item in body["items"]}
    assert (ids <= changed) if served else not (ids & changed)
    body = ok(api, "navigation/", locale="da")
    in_menu = {s["id"] for s in body["items"]} | {
        c["id"] for s in body["items"] for c in s["children"]
    }
    assert (ids <= in_menu) if served else not (ids & in_menu)


@pytest.mark.parametrize("way", WAYS_OUT.values(), ids=WAYS_OUT.keys())
def test_every_way_out_takes_the_page_off_every_view_and_into_the_removal_feed(tree, api, way):
    id_of = {name: tree[name].id for name in ("section", "info")}
    ids = set(id_of.values())
    assert_served(api, ids, served=True)
    since = timezone.now().isoformat()
    gone = {id_of[name] for name in way(tree)}

    assert_served(api, gone, served=False)
    assert_served(api, ids - gone, served=True)  # nothing else went with it
    body = ok(api, "pages/", changed_since=since, limit=200)
    assert gone <= {r["id"] for r in body["meta"]["removed"]}
    assert not gone & {item["id"] for item in body["items"]}
    # The next incremental pull does not list them again as removed, nor as changed.
    later = body["meta"]["generated_at"]
    body = ok(api, "pages/", changed_since=later, limit=200)
    assert not gone & {r["id"] for r in body["meta"]["removed"]}
    assert not gone & {item["id"] for item in body["items"]}


def republish(page) -> None:
    page = Page.objects.get(pk=page.pk).specific
    page.expire_at = timezone.now() + timedelta(days=30)
    page.save_revision().publish()


def restriction_removed(tree):
    restriction = restrict(tree["section"])
    return lambda: restriction.delete()


def moved_back(tree):
    moved_under_restricted(tree)
    return lambda: move(tree["info"], tree["section"])


def ancestor_republished(tree):
    tree["section"].unpublish()
    return lambda: republish(tree["section"])


def expiry_extended(tree):
    expire(tree["section"])
    return lambda: republish(tree["section"])


def republished_after_publish_scheduled(tree):
    expire(tree["section"])
    call_command("publish_scheduled")
    return lambda: republish(tree["section"])


WAYS_BACK = {
    "restriction removed": restriction_removed,
    "moved out": moved_back,
    "ancestor republished": ancestor_republished,
    "ancestor's expiry extended before publish_scheduled ran": expiry_extended,
    "ancestor republished after publish_scheduled expired it": (
        republished_after_publish_scheduled
    ),
}


@pytest.mark.parametrize("way", WAYS_BACK.values(), ids=WAYS_BACK.keys())
def test_every_way_back_lists_the_pages_as_changed_again(tree, api, way):
    back = way(tree)
    ids = {tree["info"].id}
    assert_served(api, ids, served=False)
    since = timezone.now().isoformat()
    back()

    assert_served(api, ids, served=True)
    body = ok(api, "pages/", changed_since=since, limit=200)
    assert ids <= {item["id"] for item in body["items"]}
