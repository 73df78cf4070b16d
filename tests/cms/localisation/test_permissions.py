"""Every action a role may not take is refused (403) and changes nothing."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, TranslationSource

from cms.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.usefixtures("demo")


def login(client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def snapshot(page: Page) -> tuple:
    page.refresh_from_db()
    return page.live, page.title, page.latest_revision_id, page.last_published_at


DANISH = "/da/arbejde-og-bo/indskriv-dit-barn-i-skole/"
ENGLISH = "/en/work-live/enrol-your-child-in-school/"
GERMAN = "/de/arbeiten-leben/ihr-kind-in-der-schule-anmelden/"


@pytest.mark.parametrize(
    ("username", "url_path", "action"),
    [
        ("translator-en", DANISH, "publish"),  # translators never publish source pages
        ("translator-en", DANISH, "edit"),  # ...nor edit them
        ("translator-en", GERMAN, "edit"),  # ...nor another language's translations
        ("translator-en", ENGLISH, "publish"),  # ...nor publish their own: approval first
        ("editor", DANISH, "unpublish"),  # editors submit; only approvers publish/unpublish
        ("editor", ENGLISH, "edit"),  # editors work on the Danish source only
    ],
)
def test_denied_page_actions_are_403_and_change_nothing(client, username, url_path, action):
    page = Page.objects.get(url_path=url_path)
    before = snapshot(page)
    login(client, username)
    if action == "unpublish":
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.id]))
    else:
        data = {"action": "publish"} if action == "publish" else {"title": "Hijacked"}
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data)
    assert response.status_code in (302, 403)
    if response.status_code == 302:  # Wagtail's permission-denied redirect to the dashboard
        assert response["Location"].rstrip("/").endswith("/admin")
    assert snapshot(page) == before


def test_update_translations_with_publish_is_403_for_translators(client):
    danish = Page.objects.get(url_path="/da/arbejde-og-bo/flyt-til-herning/")
    source = TranslationSource.objects.get(
        object_id=danish.translation_key, locale__language_code="da"
    )
    english = Page.objects.get(url_path="/en/work-live/moving-to-herning/")
    before = (snapshot(english), source.last_updated_at, StringTranslation.objects.count())
    login(client, "translator-en")
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    response = client.post(url, {"publish_translations": "on"})
    # wagtail-localize raises PermissionDenied; Wagtail's admin answers with its
    # permission-denied redirect.
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"].rstrip("/").endswith("/admin")
    source.refresh_from_db()
    assert (snapshot(english), source.last_updated_at, StringTranslation.objects.count()) == before


def test_translators_can_edit_their_own_language(client):
    page = Page.objects.get(url_path=ENGLISH)
    login(client, "translator-en")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).status_code == 200
