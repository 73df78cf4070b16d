"""The translation status dashboard on the demo content: every state, the links that fix them,
filters, CSV, and each translator's summary on the admin home."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.demo.loader import DEMO_PASSWORD
from cms.localisation import dashboard
from cms.localisation.states import facts_of, states_for

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
    # The German draft of "Events", and "Getting here", published with an approver's consent.
    assert [r[0] for r in rows[1:]] == ["Internationale begivenheder", "Sådan kommer du hertil"]
    for row in rows[1:]:
        assert re.match(r"partial \d+%", row[rows[0].index("de")])


def test_translators_see_their_own_languages_on_the_admin_home(translator):
    html = re.sub(r"\s+", " ", translator.get("/admin/").content.decode())
    assert "Your translations" in html
    assert "English</a>: 19 current, 1 outdated, 0 partial, 0 missing" in html
    assert "?locale=de" not in html


def test_the_dashboard_needs_a_login(client):
    response = client.get("/admin/translation-status/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_home_panel_counts_equal_the_dashboards(users):
    """The admin home asks only for the translator's languages, and says what the matrix
    says: counts and outdated pages, in the view and from the function."""
    vision = Page.objects.get(url_path="/da/international-strategi/vision/").specific
    vision.title += " 2030"
    vision.save_revision(user=users["editor"]).publish(user=users["approver"])

    full = dashboard.build()
    for codes in (["en"], ["de"], ["de", "en"], ["ar", "fr"]):
        found = dashboard.summary(codes)
        assert found.counts == {code: full.counts[code] for code in codes}
        assert [(page.title, page.code) for page in found.outdated] == [
            (r.page.title, code)
            for r in full.rows
            for code in dashboard._languages()
            if code in codes and r.cells[code].state == "outdated"
        ]
    assert full.counts["en"]["outdated"] == 2  # the demo's one, and Vision
    # A constant number of queries: the states' own, and two for the pages.
    english = Page.objects.filter(locale__language_code="en").select_related("locale")
    with CaptureQueriesContext(connection) as for_states:
        states_for(facts_of(english))
    with CaptureQueriesContext(connection) as for_summary:
        dashboard.summary(["en", "de"])
    assert len(for_summary) <= len(for_states) + 2

    client = Client()
    for username, code, name in (
        ("translator-en", "en", "English"),
        ("translator-de", "de", "Deutsch"),
    ):
        client.force_login(users[username])
        html = re.sub(r"\s+", " ", client.get("/admin/").content.decode())
        c = full.counts[code]
        expected = (
            f"{name}</a>: {c['current']} current, {c['outdated']} outdated, "
            f"{c['partial']} partial, {c['missing']} missing"
        )
        assert expected in html
        for r in full.rows:
            if r.cells[code].state == "outdated":
                assert f'href="{r.cells[code].changes_url}"' in html
