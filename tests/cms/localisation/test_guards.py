"""No path through wagtail-localize's admin publishes source-language text as a translation,
and updating from the source keeps every existing human translation. Through the real views:
the translation editor's "Publish" and "Update translations" with "publish"."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cms.demo.loader import DEMO_PASSWORD
from cms.localisation.guards import untranslated

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
