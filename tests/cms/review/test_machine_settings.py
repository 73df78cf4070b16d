"""The machine translator is chosen from the environment, off by default; without it there is
no machine translation button in wagtail-localize's editor."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from cms.review.machine import machine_translator_setting

from .conftest import login


def test_no_variable_means_no_machine_translation():
    assert machine_translator_setting({}) is None
    assert machine_translator_setting({"UDSYN_MACHINE_TRANSLATOR": " "}) is None


def test_libretranslate_from_the_environment():
    setting = machine_translator_setting(
        {
            "UDSYN_MACHINE_TRANSLATOR": "LibreTranslate",
            "UDSYN_LIBRETRANSLATE_URL": "http://mt.example:5000/",
            "UDSYN_LIBRETRANSLATE_API_KEY": "k3y",
            "UDSYN_MACHINE_TRANSLATOR_TIMEOUT": "7",
        }
    )
    assert setting == {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": "http://mt.example:5000", "API_KEY": "k3y", "TIMEOUT": 7},
    }
    # LibreTranslator always sends api_key: an instance without keys gets an empty one.
    keyless = machine_translator_setting(
        {"UDSYN_MACHINE_TRANSLATOR": "libretranslate", "UDSYN_LIBRETRANSLATE_URL": "http://x"}
    )
    assert keyless["OPTIONS"] == {"LIBRETRANSLATE_URL": "http://x", "API_KEY": ""}


def test_deepl_and_google_from_the_environment():
    deepl = machine_translator_setting(
        {"UDSYN_MACHINE_TRANSLATOR": "deepl", "UDSYN_DEEPL_AUTH_KEY": "abc:fx"}
    )
    assert deepl["CLASS"].endswith("deepl.DeepLTranslator")
    assert deepl["OPTIONS"] == {"AUTH_KEY": "abc:fx"}
    google = machine_translator_setting(
        {
            "UDSYN_MACHINE_TRANSLATOR": "google",
            "UDSYN_GOOGLE_PROJECT_ID": "udsyn",
            "UDSYN_GOOGLE_CREDENTIALS_PATH": "/run/secrets/google.json",
        }
    )
    assert google["CLASS"].endswith("google.GoogleCloudTranslator")
    assert google["OPTIONS"] == {
        "PROJECT_ID": "udsyn",
        "CREDENTIALS_PATH": "/run/secrets/google.json",
    }


@pytest.mark.parametrize(
    "environ",
    [
        {"UDSYN_MACHINE_TRANSLATOR": "babelfish"},
        {"UDSYN_MACHINE_TRANSLATOR": "libretranslate"},
        {"UDSYN_MACHINE_TRANSLATOR": "deepl"},
        {"UDSYN_MACHINE_TRANSLATOR": "google"},
    ],
)
def test_a_misconfiguration_fails_at_start_up(environ):
    with pytest.raises(ImproperlyConfigured):
        machine_translator_setting(environ)


def test_the_test_settings_have_no_machine_translator(settings):
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None


def machine_button(client, page) -> dict | None:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    assert response.status_code == 200
    return json.loads(response.context["props"])["machineTranslator"]


def test_the_editor_offers_machine_translation_only_when_configured(events_de):
    page, translation = events_de
    client = login("translator-de")
    assert machine_button(client, page) is None
    with override_settings(
        WAGTAILLOCALIZE_MACHINE_TRANSLATOR=machine_translator_setting(
            {"UDSYN_MACHINE_TRANSLATOR": "libretranslate", "UDSYN_LIBRETRANSLATE_URL": "http://x"}
        )
    ):
        button = machine_button(client, page)
    assert button == {
        "name": "LibreTranslate",
        "url": reverse("wagtail_localize:machine_translate", args=[translation.id]),
    }
