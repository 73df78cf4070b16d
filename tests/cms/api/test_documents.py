"""Stored API documents follow the tree: slug changes, contact edits, restrictions lifted, and
a full rebuild."""

import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.api.models import PageDocument
from cms.contacts.models import Contact

from ..factories import danish_tree


def document(page) -> dict:
    return json.loads(PageDocument.objects.get(page_id=page.id).document)


@pytest.mark.django_db
def test_a_new_slug_moves_the_pages_below_it():
    tree = danish_tree()
    section = tree["section"]
    section.slug = "bo-og-arbejde"
    section.save_revision().publish()
    assert document(tree["info"])["meta"]["site_path"] == "bo-og-arbejde/skole/"


@pytest.mark.django_db
def test_editing_a_contact_refreshes_the_pages_that_embed_it():
    tree = danish_tree()
    contact = Contact.objects.create(
        name="Skoleservice", phone="+45 00 00 00 04", locale=Locale.objects.get(language_code="da")
    )
    info = tree["info"]
    info.body = [{"type": "contact", "value": contact.id}]
    info.save_revision().publish()
    contact.phone = "+45 00 00 00 44"
    contact.save()
    value = document(info)["body"][0]["value"]
    assert value["phone"] == "+45 00 00 00 44"


@pytest.mark.django_db
def test_lifting_a_restriction_brings_the_pages_back(client):
    tree = danish_tree()
    restriction = PageViewRestriction.objects.create(
        page=tree["section"], restriction_type=PageViewRestriction.LOGIN
    )
    since = timezone.now().isoformat()
    restriction.delete()
    ids = [i["id"] for i in client.get("/api/v2/pages/", {"changed_since": since}).json()["items"]]
    assert sorted(ids) == sorted([tree["section"].id, tree["info"].id])


@pytest.mark.django_db
def test_rebuild_api_documents_restores_every_live_page(client):
    tree = danish_tree()
    PageDocument.objects.all().delete()
    assert client.get("/api/v2/pages/").json()["items"] == []
    call_command("rebuild_api_documents", verbosity=0)
    items = client.get("/api/v2/pages/").json()["items"]
    assert {i["id"] for i in items} == {p.id for p in tree.values()}
