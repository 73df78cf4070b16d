"""The demo logins work, and each role sees its own part of the tree in the Wagtail admin."""

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
    assert client.login(username="approver", password=DEMO_PASSWORD)
    partial = Page.objects.get(url_path="/de/besuch/internationale-veranstaltungen/")
    response = client.get(f"/admin/pages/{partial.get_parent().id}/")
    assert response.status_code == 200
    page = response.content.decode().lower()
    assert "internationale veranstaltungen" in page
    # The admin speaks Danish (the site's default language): "kladde" is Wagtail's "draft".
    assert "kladde" in page or "draft" in page
