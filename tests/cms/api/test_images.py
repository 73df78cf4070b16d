"""Images: public collections only (whoever asks), renditions in three widths, alt text per
language."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, Locale

from cms.demo.images import demo_image
from cms.images.models import ImageDescription


@pytest.fixture
def images(db):
    public = demo_image()
    root = Collection.get_first_root_node()
    staff = root.add_child(name="Staff only")
    nested = staff.add_child(name="Staff photos")
    hidden = demo_image()
    hidden.collection = nested
    hidden.save()
    restriction = CollectionViewRestriction.objects.create(
        collection=staff, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])
    for code, text in (("da", "Tre cirkler"), ("en", "Three circles")):
        ImageDescription.objects.create(
            image=public, alt_text=text, locale=Locale.objects.get(language_code=code)
        )
    return public, hidden


@pytest.mark.parametrize("who", ["anonymous", "superuser"])
def test_images_in_restricted_collections_are_never_served(images, client, django_user_model, who):
    public, hidden = images
    if who == "superuser":
        client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    ids = [item["id"] for item in client.get("/api/v2/images/").json()["items"]]
    assert ids == [public.id]
    assert client.get(f"/api/v2/images/{hidden.id}/").status_code == 404


def test_renditions_and_alt_text_per_language(images, client):
    item = client.get("/api/v2/images/").json()["items"][0]
    assert [r["width"] for r in item["renditions"]] == [320, 640, 1024]
    assert all(r["url"].endswith(".png") for r in item["renditions"])
    assert item["alt"] == {"da": "Tre cirkler", "en": "Three circles"}
    assert "download_url" not in item["meta"] and "tags" not in item["meta"]


def test_image_listing_queries_do_not_grow(images, client):
    client.get("/api/v2/images/")  # renditions are made on first use
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v2/images/")
    for _ in range(4):
        demo_image()
    client.get("/api/v2/images/")
    with CaptureQueriesContext(connection) as five:
        assert len(client.get("/api/v2/images/").json()["items"]) == 5
    assert len(five.captured_queries) == len(one.captured_queries)
    assert Image.objects.count() == 6
