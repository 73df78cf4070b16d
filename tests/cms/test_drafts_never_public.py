"""Drafts stay private: a newer draft of a published page, and a translation that has been
started but not published, never reach the public API."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from cms.roles.setup import ensure_roles

from .factories import danish_tree


def api_titles(client, **params) -> set[str]:
    response = client.get("/api/v2/pages/", {"limit": 200, **params})
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


@pytest.mark.django_db
def test_newer_draft_of_a_published_page_is_not_in_the_api(client):
    info = danish_tree()["info"]
    info.title = "KLADDE: ikke godkendt"
    info.save_revision()  # a draft, not published
    titles = api_titles(client)
    assert "Indskriv dit barn i skole" in titles
    assert not any("KLADDE" in title for title in titles)
    detail = client.get(f"/api/v2/pages/{info.id}/").json()
    assert detail["title"] == "Indskriv dit barn i skole"


@pytest.mark.django_db
def test_starting_a_translation_leaves_the_new_page_a_draft(client, django_user_model):
    tree = danish_tree()
    groups = ensure_roles()
    approver = django_user_model.objects.create_user("approver", password="x")
    approver.groups.add(groups["Approvers"])
    client.force_login(approver)
    en = Locale.objects.get(language_code="en")

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[tree["home"].id]),
        {"locales": [en.id], "include_subtree": "on"},
    )
    assert response.status_code == 302

    translated = Page.objects.filter(locale=en)
    assert translated.count() == 3  # home, section and page, as the editor asked
    assert not translated.filter(live=True).exists()
    client.logout()
    assert api_titles(client, locale="en") == set()
    # ...and a logged-in session sees no more than the public does.
    client.force_login(approver)
    assert api_titles(client, locale="en") == set()
