"""Changed segments marked for translators: each text-changing publish of a source page keeps
its segments, and the "What changed" view compares a translation with the source text it was
last synced from. Source pages are published through the real admin (the approver's bulk
publish), so the real page_published signal does the recording."""

import re
import uuid
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.demo.content import sections as section_content
from cms.demo.loader import DemoLoader
from cms.demo.translate import translate
from cms.localisation import changes
from cms.localisation.models import SourceChange, SourceSnapshot, TranslationNotice

MOVING = "/da/arbejde-og-bo/flyt-til-herning/"
OLD_NOTICE = section_content.MOVING_EDIT["old"]
NEW_NOTICE = section_content.MOVING_EDIT["new"]["da"]


def page_at(url_path: str) -> Page:
    return Page.objects.get(url_path=url_path).specific


def translation_of(source: Page, code: str) -> Page:
    return Page.objects.get(translation_key=source.translation_key, locale__language_code=code)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def publish(users, page: Page) -> None:
    """Publish the page's latest revision as the approver, through Wagtail's admin."""
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client_for(users["approver"]).post(f"{url}?id={page.id}", {})
    assert response.status_code == 302, response.content[:500]


def edit(users, page: Page, title: str | None = None, body=None) -> Page:
    """An editor's draft of a new title and/or body (block ids kept, as the admin does)."""
    page = page_at(page.url_path)
    if title is not None:
        page.title = title
    if body is not None:
        page.body = body
    page.save_revision(user=users["editor"])
    return page


def body_of(page: Page) -> list[dict]:
    return [
        {"type": block.block_type, "value": block.get_prep_value()["value"], "id": block.id}
        for block in page.body
    ]


def replaced(page: Page, old: str, new: str) -> list[dict]:
    return [
        {**block, "value": DemoLoader._replace(block["value"], old, new)} for block in body_of(page)
    ]


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def changes_url(source: Page, code: str) -> str:
    return reverse("udsyn_translation_changes", args=[source.id, code])


@pytest.mark.usefixtures("demo")
def test_the_changed_segment_is_shown_with_old_new_and_current_translation(users):
    """The demo's outdated English "Moving": its edited notice, before and after, with the
    English of the text before, and links on to the editor and to "update from source"."""
    moving = page_at(MOVING)
    english = translation_of(moving, "en")
    translator = client_for(users["translator-en"])

    response = translator.get(changes_url(moving, "en"))
    assert response.status_code == 200
    html = squash(response.content.decode())
    assert "1 segment changed" in html
    assert f"<del>{OLD_NOTICE}</del>" in html
    assert f"<ins>{NEW_NOTICE}</ins>" in html
    assert "You must register no later than 5 days" in html  # the English of the old text
    assert '<th scope="col">Where</th>' in html and '<th scope="row">Body: Notice</th>' in html
    assert "segment added" not in html and "segment removed" not in html
    source = TranslationSource.objects.get(object_id=moving.translation_key, locale=moving.locale)
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[english.id])}"' in html
    assert f'href="{reverse("wagtail_localize:update_translations", args=[source.id])}"' in html

    # German was brought up to date after the edit: nothing to show.
    german = squash(translator.get(changes_url(moving, "de")).content.decode())
    assert "Nothing in the source text has changed" in german and "<del>" not in german

    # A language without a translation of the page, and a translation instead of a source.
    vision = page_at("/da/international-strategi/vision/")
    assert translator.get(changes_url(vision, "de")).status_code == 404
    assert translator.get(changes_url(english, "da")).status_code == 404

    # Linked from the outdated cell of the dashboard and from the translator's home panel.
    dashboard = translator.get("/admin/translation-status/?locale=en").content.decode()
    assert f'href="{changes_url(moving, "en")}"' in dashboard
    assert f'href="{changes_url(moving, "de")}"' not in dashboard  # current: no link
    home = translator.get("/admin/").content.decode()
    assert f'href="{changes_url(moving, "en")}"' in home


@pytest.mark.usefixtures("demo")
def test_successive_changes_add_up_until_the_translation_is_synced(users):
    moving = page_at(MOVING)
    blocks = body_of(moving)
    notice = next(b for b in blocks if b["type"] == "notice")
    # 1: a new title.  2: a paragraph added, the notice block removed.
    publish(users, edit(users, moving, title="Flyt til Herning Kommune"))
    added = {
        "type": "paragraph",
        "value": "<p>Husk at melde flytning.</p>",
        "id": str(uuid.uuid4()),
    }
    publish(users, edit(users, moving, body=[*(b for b in blocks if b is not notice), added]))

    def shown(code: str) -> dict[str, list]:
        items = changes.report(moving, translation_of(moving, code))
        return {
            kind: [i for i in items if i.kind == kind] for kind in ("changed", "added", "removed")
        }

    english, german = shown("en"), shown("de")
    # English was behind already: its baseline is the text before the demo's edit, so the
    # notice it translated is the removed one (the old wording) and the title changed.
    assert [(i.old_text, i.new_text) for i in english["changed"]] == [
        ("Flyt til Herning", "Flyt til Herning Kommune")
    ]
    assert [i.old_text for i in english["removed"]] == [OLD_NOTICE]
    assert english["removed"][0].translation_text.startswith("You must register")
    assert [i.new_text for i in english["added"]] == ["Husk at melde flytning."]
    # German was synced after the demo's edit: the removed notice is the new wording.
    assert [i.old_text for i in german["removed"]] == [NEW_NOTICE]
    assert german["removed"][0].translation_text.startswith("Sie müssen sich")
    assert len(german["changed"]) == 1 and len(german["added"]) == 1

    translator = client_for(users["translator-de"])
    html = squash(translator.get(changes_url(moving, "de")).content.decode())
    assert "1 segment changed" in html and "1 segment added" in html
    assert "1 segment removed" in html and "<ins>Husk at melde flytning.</ins>" in html

    # German catches up (synced from the source and published): nothing left to show, while
    # English, still behind, keeps every change.
    moving = page_at(MOVING)
    pairs = {
        "Flyt til Herning Kommune": "Umzug nach Herning",
        "Husk at melde flytning.": "Denken Sie an die Ummeldung.",
    }
    german_strings = {
        segment.old_text: segment.translation_text
        for segment in changes.report(moving, translation_of(moving, "de"))
    }
    pairs |= {k: v for k, v in german_strings.items() if v}
    pairs |= DemoLoader._pairs(section_content.MOVING, "de")
    translate(moving, "de", pairs, refresh=True)
    assert changes.report(moving, translation_of(moving, "de")) == []
    assert len(changes.report(moving, translation_of(moving, "en"))) == 3
    # Old snapshots are pruned only once no translation is compared with them: English still
    # needs the text from before the demo's edit.
    assert SourceSnapshot.objects.filter(page=moving).count() == 4


@pytest.mark.usefixtures("demo")
def test_republishing_without_text_changes_records_no_change(users):
    moving = page_at(MOVING)
    published = moving.last_published_at
    before_change = SourceChange.objects.get(page=moving).changed_at
    snapshots = SourceSnapshot.objects.count()
    notices = list(TranslationNotice.objects.values())
    report_before = [
        (i.kind, i.old, i.new) for i in changes.report(moving, translation_of(moving, "en"))
    ]

    page = page_at(MOVING)
    page.last_reviewed = date(2026, 11, 1)  # reviewed: a new date, the same text
    page.save_revision(user=users["editor"])
    publish(users, page)
    publish(users, page_at(MOVING))  # and once more, with no edit at all

    moving = page_at(MOVING)
    assert moving.last_published_at > published and moving.last_reviewed == date(2026, 11, 1)
    assert SourceChange.objects.get(page=moving).changed_at == before_change
    assert SourceSnapshot.objects.count() == snapshots
    assert list(TranslationNotice.objects.values()) == notices
    assert [
        (i.kind, i.old, i.new) for i in changes.report(moving, translation_of(moving, "en"))
    ] == report_before
    assert changes.report(moving, translation_of(moving, "de")) == []


def test_diff_pairs_segments_of_one_field_by_position():
    """A rich text field gives several segments at one path: one edited paragraph is one
    change, an inserted one an addition, not a cascade of changes."""
    old = [("title", "A"), ("body", "one"), ("body", "two"), ("body", "three")]
    new = [("title", "A"), ("body", "one"), ("body", "new"), ("body", "two"), ("body", "3")]
    found = [(c.kind, c.path, c.old, c.new) for c in changes.diff(old, new)]
    assert found == [("added", "body", None, "new"), ("changed", "body", "three", "3")]
    assert changes.diff(old, old) == []
    assert [(c.kind, c.old) for c in changes.diff(old, old[:1])] == [
        ("removed", "one"),
        ("removed", "two"),
        ("removed", "three"),
    ]
