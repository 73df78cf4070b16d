"""Only what the public may see, modelled on Wagtail's own API tests
(wagtail/api/v2/tests/test_pages.py): restricted pages and their descendants, drafts, search,
and internal fields never appear, whether the request is anonymous or logged in."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

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
