"""The translation status dashboard on the demo content: every state, the links that fix them,
filters, CSV, and each translator's summary on the admin home."""

import csv
import io
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.demo.loader import DEMO_PASSWORD
from cms.localisation import dashboard

pytestmark = pytest.mark.usefixtures("demo")


def row(matrix, url_path):
    return next(r for r in matrix.rows if r.page.url_path == url_path)


def test_the_matrix_shows_every_state_and_what_fixes_it():
    matrix = dashboard.build()
    moving = row(matrix, "/da/arbejde-og-bo/flyt-til-herning/")
    assert moving.cells["en"].state == "outdated"
    source = TranslationSource.objects.get(
        object_id=moving.page.translation_key, locale__language_code="da"
    )
    assert moving.cells["en"].url == reverse(
        "wagtail_localize:update_translations", args=[source.id]
    )
    assert moving.cells["de"].state == "current"
    events = row(matrix, "/da/besoeg/internationale-begivenheder/")
    assert events.cells["de"].state == "partial" and 0 < events.cells["de"].percent < 100
    german_events = Page.objects.get(url_path="/de/besuch/internationale-veranstaltungen/")
    assert events.cells["de"].url == reverse("wagtailadmin_pages:edit", args=[german_events.id])
    vision = row(matrix, "/da/international-strategi/vision/")
    assert vision.cells["de"].state == "missing"
    assert vision.cells["de"].url == reverse(
        "wagtail_localize:submit_page_translation", args=[vision.page.id]
    )
    assert vision.cells["ar"].state == "n/a"  # welcome-only language
    assert row(matrix, "/da/").cells["ar"].state == "current"
    assert matrix.counts["de"]["missing"] == 8 and matrix.counts["en"]["outdated"] == 1


def test_filters_by_language_section_and_state():
    matrix = dashboard.build(locale="de", state="missing")
    assert matrix.languages == ["de"]
    assert {r.page.url_path for r in matrix.rows} == {
        p.url_path
        for p in Page.objects.filter(
            locale__language_code="da", url_path__startswith="/da/international-"
        )
    }
    visit = dashboard.build(section="besoeg")
    assert {r.page.title for r in visit.rows} == {
        "Besøg",
        "Internationale begivenheder",
        "Sådan kommer du hertil",
    }


@pytest.fixture
def translator(client):
    assert client.login(username="translator-en", password=DEMO_PASSWORD)
    return client


def test_the_dashboard_page_and_its_csv(translator):
    html = translator.get("/admin/translation-status/?locale=en").content.decode()
    assert 'data-locale="en" data-state="outdated"' in html
    assert "Update from source" in html
    response = translator.get("/admin/translation-status/", {"format": "csv", "state": "partial"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["page", "path", "section"] and "de" in rows[0]
    assert [r[0] for r in rows[1:]] == ["Internationale begivenheder"]
    assert re.match(r"partial \d+%", rows[1][rows[0].index("de")])


def test_translators_see_their_own_languages_on_the_admin_home(translator):
    html = re.sub(r"\s+", " ", translator.get("/admin/").content.decode())
    assert "Your translations" in html
    assert "English</a>: 19 current, 1 outdated, 0 partial, 0 missing" in html
    assert "?locale=de" not in html


def test_the_dashboard_needs_a_login(client):
    response = client.get("/admin/translation-status/")
    assert response.status_code == 302 and "/login/" in response["Location"]
