import pytest
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.demo.loader import DEMO_PASSWORD

from .fake_libretranslate import FakeLibreTranslate

EVENTS_DE = "/de/besuch/internationale-veranstaltungen/"


def login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def assert_denied(response) -> None:
    """Refused: a 403, or the Wagtail admin's permission-denied redirect to its home page."""
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    else:
        assert response.status_code == 403


@pytest.fixture
def events_de(demo) -> tuple[Page, Translation]:
    """The demo's German "Events": a translator has done part of it; a draft, never live."""
    page = Page.objects.get(url_path=EVENTS_DE)
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="de"
    )
    return page, translation


def machine_translate(translation: Translation) -> None:
    """The German translator's "Translate" (machine) in wagtail-localize's editor, answered by
    the fake LibreTranslate server."""
    with (
        FakeLibreTranslate() as fake,
        override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=fake.setting()),
    ):
        response = login("translator-de").post(
            reverse("wagtail_localize:machine_translate", args=[translation.id])
        )
    assert response.status_code == 302
