"""The README's "One translation, from start to publish", step by step with the demo users,
through the real admin views (the Danish edit itself is saved as the page editor saves it:
posting a whole StreamField form would test Wagtail, not Udsyn)."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, TranslationSource

from cms.demo.loader import DEMO_PASSWORD
from cms.localisation.guards import untranslated

pytestmark = pytest.mark.usefixtures("demo")

NEW_SUMMARY = "Sådan indskriver du dit barn i skole – nu også digitalt med MitID."


def login(client, username: str):
    client.logout()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def fresh(page: Page) -> Page:
    return Page.objects.get(id=page.id).specific


def status_row(client, page: Page) -> dict[str, str]:
    response = client.get(reverse("udsyn_translation_status"), {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    return next(row for row in rows if row["path"] == page.url_path)


def test_one_translation_from_start_to_publish(client):
    User = get_user_model()  # noqa: N806
    danish = Page.objects.get(url_path="/da/arbejde-og-bo/indskriv-dit-barn-i-skole/").specific
    english = Page.objects.get(translation_key=danish.translation_key, locale__language_code="en")
    old_summary = danish.summary

    # 1. The editor edits the Danish page and submits it to "Danish source approval".
    editor = User.objects.get(username="editor")
    danish.summary = NEW_SUMMARY
    danish.save_revision(user=editor)
    workflow_state = danish.get_workflow().start(danish, editor)
    assert fresh(danish).live and fresh(danish).summary == old_summary  # not public yet

    # 2. The approver approves it in the admin: it is published.
    approver = login(client, "approver")
    task_state = workflow_state.current_task_state
    response = approver.post(
        reverse("wagtailadmin_pages:workflow_action", args=[danish.id, "approve", task_state.id])
    )
    assert response.status_code in (200, 302)
    assert fresh(danish).summary == NEW_SUMMARY

    # 3. Translation status shows English and German outdated; the approver updates them from
    #    the source without publishing.
    row = status_row(approver, danish)
    assert row["en"].startswith("outdated") and row["de"].startswith("outdated")
    source = TranslationSource.objects.get(object_id=danish.translation_key, locale=danish.locale)
    response = approver.post(reverse("wagtail_localize:update_translations", args=[source.id]), {})
    assert response.status_code == 302
    translation = source.translations.get(target_locale__language_code="en")
    assert untranslated(translation) == 1  # only the changed summary awaits the translator

    # 4. The English translator sees the change on the admin home, reads what changed, and
    #    translates it; publishing is not theirs to do.
    translator = login(client, "translator-en")
    home = translator.get(reverse("wagtailadmin_home")).content.decode()
    assert danish.title in home
    changes_url = reverse("udsyn_translation_changes", args=[danish.id, "en"])
    assert changes_url in home
    changes = translator.get(changes_url).content.decode()
    assert NEW_SUMMARY in changes and old_summary in changes
    segment = StringSegment.objects.get(
        source=source, string__data=NEW_SUMMARY, context__path="summary"
    )
    response = translator.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        "value=How+to+enrol+your+child+in+school+%E2%80%93+now+also+online+with+MitID.",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    assert untranslated(translation) == 0
    translator.post(reverse("wagtailadmin_pages:edit", args=[english.id]), {"action": "publish"})
    assert "MitID" not in fresh(english).summary  # refused: translators do not publish

    # 5. The approver publishes the English page: it is current, with the new text, in the API.
    approver = login(client, "approver")
    approver.post(reverse("wagtailadmin_pages:edit", args=[english.id]), {"action": "publish"})
    assert fresh(english).summary.endswith("now also online with MitID.")
    item = client.get(f"/api/v2/pages/{english.id}/").json()
    assert item["meta"]["translation"]["state"] == "current"
    assert item["summary"] == fresh(english).summary
    assert status_row(approver, danish)["en"] == "current"
