"""No path through wagtail-localize's admin publishes source-language text as a translation,
and updating from the source keeps every existing human translation. Through the real views:
the translation editor's "Publish" and "Update translations" with "publish"; and Wagtail's own
ways of publishing the drafts wagtail-localize saves (workflow approval, bulk publish, reverting
to a revision, scheduled publishing)."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cms.demo.loader import DEMO_PASSWORD
from cms.localisation.guards import IncompleteTranslationError, untranslated

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def approver(client):
    assert client.login(username="approver", password=DEMO_PASSWORD)
    return client


def english_strings(source: TranslationSource) -> dict[str, str]:
    segments = StringSegment.objects.filter(source=source)
    return {
        st.context.path: st.data
        for st in StringTranslation.objects.filter(
            locale__language_code="en",
            translation_of__in=segments.values("string"),
            context__in=segments.values("context"),
        ).select_related("context")
    }


def test_publishing_a_partial_translation_in_the_editor_is_refused(approver):
    page = Page.objects.get(url_path="/de/besuch/internationale-veranstaltungen/")
    response = approver.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}, follow=True
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.live  # still not on the site
    assert "validation errors" in response.content.decode()
    assert page.id not in [
        i["id"] for i in approver.get("/api/v2/pages/?limit=200").json()["items"]
    ]


def test_update_from_source_with_publish_keeps_translations_and_refuses_danish(approver):
    danish = Page.objects.get(url_path="/da/arbejde-og-bo/flyt-til-herning/")
    english = Page.objects.get(url_path="/en/work-live/moving-to-herning/").specific
    source = TranslationSource.objects.get(
        object_id=danish.translation_key, locale__language_code="da"
    )
    before = english_strings(source)
    live_body = str(english.body.raw_data)

    response = approver.post(
        reverse("wagtail_localize:update_translations", args=[source.id]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302

    # Every segment that did not change keeps its English translation...
    after = english_strings(source)
    assert after == before
    translation = source.translations.get(target_locale__language_code="en")
    assert untranslated(translation) == 1  # ...and only the edited notice awaits a translator
    # ...and the English page was not published with the Danish sentence in it.
    english.refresh_from_db()
    assert str(english.body.raw_data) == live_body
    assert "Book en tid" not in str(english.body.raw_data)
    # The German translation was complete, so it did publish.
    german = Page.objects.get(url_path="/de/arbeiten-leben/umzug-nach-herning/")
    assert german.live


def test_a_complete_translation_publishes(approver):
    page = Page.objects.get(url_path="/de/besuch/internationale-veranstaltungen/")
    source = TranslationSource.objects.get(
        object_id=page.translation_key, locale__language_code="da"
    )
    translation = source.translations.get(target_locale__language_code="de")
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": f"[de] {segment.string.data}", "translation_type": "manual"},
        )
    assert untranslated(translation) == 0
    approver.post(reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"})
    page.refresh_from_db()
    assert page.live


# The drafts wagtail-localize saves hold Danish text in the gaps; every other way of publishing
# such a draft is refused too (cms.localisation.guards.check_publishable).

EVENTS_DE = "/de/besuch/internationale-veranstaltungen/"


def events_with_danish_draft() -> tuple[Page, str]:
    """The partial German "Events" page, and a Danish sentence its latest draft holds where a
    translation is missing: the text that must not be published."""
    page = Page.objects.get(url_path=EVENTS_DE)
    source = TranslationSource.objects.get(
        object_id=page.translation_key, locale__language_code="da"
    )
    translation = source.translations.get(target_locale__language_code="de")
    done = StringTranslation.objects.filter(locale=translation.target_locale).values("context")
    gap = (
        StringSegment.objects.filter(source=source, context__path__startswith="body")
        .exclude(context__in=done)
        .select_related("string")
        .first()
    )
    assert gap is not None and untranslated(translation) > 0
    draft = page.get_latest_revision().as_object()
    assert gap.string.data in json.dumps(list(draft.body.raw_data), ensure_ascii=False)
    return page, gap.string.data


def messages_of(response) -> list[str]:
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def test_approving_the_translation_workflow_does_not_publish_danish(approver, users):
    page, _danish = events_with_danish_draft()
    page = page.specific
    workflow = page.get_workflow()
    assert workflow.name == "Translation approval"
    workflow.start(page, users["translator-de"])
    task_state = page.current_workflow_task_state
    response = approver.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.id])
    assert any("segment(s) have no de translation" in m for m in messages_of(response))
    page.refresh_from_db()
    assert not page.live and page.live_revision_id is None
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS  # the approval was rolled back
    assert page.id not in [
        i["id"] for i in approver.get("/api/v2/pages/?limit=200").json()["items"]
    ]


def test_bulk_publish_does_not_publish_danish(approver):
    page, _danish = events_with_danish_draft()
    parent = page.get_parent()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    query = f"?id={page.id}&next=" + reverse("wagtailadmin_explore", args=[parent.id])
    response = approver.post(url + query, {})
    assert response.status_code == 302
    messages = messages_of(response)
    assert any("segment(s) have no de translation" in m for m in messages)
    assert "Nothing was published." in messages
    page.refresh_from_db()
    assert not page.live


def test_reverting_to_a_draft_and_publishing_does_not_publish_danish(approver):
    page, _danish = events_with_danish_draft()
    revision = page.get_latest_revision()
    # Wagtail's revert view is its page editor, which wagtail-localize replaces with its own.
    response = approver.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[page.id, revision.id]),
        {"action": "publish"},
        follow=True,
    )
    assert "validation errors" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_scheduled_publishing_does_not_publish_danish(caplog):
    page, _danish = events_with_danish_draft()
    revision = page.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    with caplog.at_level(logging.WARNING, logger="udsyn"):
        call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # not retried on every run
    assert any("Scheduled publish refused" in r.getMessage() for r in caplog.records)


def test_the_publish_action_itself_refuses():
    page, _danish = events_with_danish_draft()
    with pytest.raises(IncompleteTranslationError):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live


def test_synchronised_locale_trees_never_publish_danish_aliases(approver):
    """wagtail-localize's tree synchronisation (a locale setting, and the sync_locale_trees
    command) fills a language's tree with aliases of the Danish pages: copies of Danish text."""
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    spanish = Locale.objects.get(language_code="es")
    before = set(Page.objects.filter(locale=spanish).values_list("id", flat=True))
    LocaleSynchronization.objects.create(
        locale=spanish, sync_from=Locale.objects.get(language_code="da")
    )
    call_command("sync_locale_trees")
    aliases = Page.objects.filter(locale=spanish, alias_of__locale__language_code="da")
    assert aliases.exclude(id__in=before).exists()
    assert not aliases.filter(live=True).exists()
    # Publishing the Danish originals republishes their aliases: still not live.
    danish = Page.objects.get(url_path="/da/arbejde-og-bo/flyt-til-herning/").specific
    danish.save_revision().publish()
    assert not aliases.filter(live=True).exists()
    api = approver.get("/api/v2/pages/?locale=es&limit=200").json()["items"]
    assert not {item["id"] for item in api} & set(aliases.values_list("id", flat=True))
