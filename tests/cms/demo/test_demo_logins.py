"""The demo logins work, and each role sees its own part of the tree in the Wagtail admin."""

import re

import pytest
from wagtail.models import Page

from cms.demo.loader import DEMO_PASSWORD


def home(code: str) -> Page:
    return Page.objects.get(depth=2, locale__language_code=code)


@pytest.mark.parametrize(
    ("username", "visible", "hidden"),
    [
        ("editor", "da", "en"),
        ("translator-en", "en", "de"),
        ("translator-de", "de", "da"),
        ("approver", "ar", None),
    ],
)
def test_each_demo_user_logs_in_and_sees_their_tree(demo, client, username, visible, hidden):
    assert client.login(username=username, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{home(visible).id}/").status_code == 200
    if hidden:
        assert client.get(f"/admin/pages/{home(hidden).id}/edit/").status_code in (302, 403)


def test_the_approver_sees_the_translation_states_in_the_admin(demo, client):
    """The partial German translation is listed as a draft in its own row, and a live page
    next to it as live: the row, not the whole listing, carries the state."""
    assert client.login(username="approver", password=DEMO_PASSWORD)
    partial = Page.objects.get(url_path="/de/besuch/internationale-veranstaltungen/")
    response = client.get(f"/admin/pages/{partial.get_parent().id}/")
    assert response.status_code == 200
    rows = {
        int(match.group(1)): row
        for row in response.content.decode().split("<tr")[1:]
        if (match := re.search(r'data-object-id="(\d+)"', row))
    }
    assert "Internationale Veranstaltungen" in rows[partial.id]
    assert 'data-page-status="draft"' in rows[partial.id]
    live = partial.get_siblings().live().exclude(id=partial.id).first()
    assert live is not None and 'data-page-status="live"' in rows[live.id]
