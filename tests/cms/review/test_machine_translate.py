"""Machine translation through wagtail-localize's own "machine translate" view, against a fake
LibreTranslate server; a service that is down or failing changes nothing and says so."""

from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation

from cms.localisation.guards import untranslated

from .conftest import assert_denied, login
from .fake_libretranslate import FakeLibreTranslate


def snapshot(translation) -> list[tuple]:
    return list(
        StringTranslation.objects.filter(locale=translation.target_locale)
        .order_by("pk")
        .values_list("pk", "translation_of_id", "context_id", "data", "translation_type")
    )


def missing_segments(translation) -> list[StringSegment]:
    return [
        segment
        for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "string"
        )
        if not StringTranslation.objects.filter(
            translation_of=segment.string,
            locale=translation.target_locale,
            context_id=segment.context_id,
        ).exists()
    ]


def machine_translate(client, page, translation):
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": edit_url}
    )
    return response, [str(m).strip() for m in get_messages(response.wsgi_request)], edit_url


def test_machine_translate_fills_the_gaps_through_libretranslate(events_de):
    page, translation = events_de
    gaps = missing_segments(translation)
    assert gaps
    before = snapshot(translation)
    with (
        FakeLibreTranslate(api_key="s3cret") as fake,
        override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=fake.setting()),
    ):
        response, messages, edit_url = machine_translate(login("translator-de"), page, translation)
    assert response.status_code == 302 and response["Location"] == edit_url
    assert messages == ["Successfully translated with LibreTranslate."]
    # One batched request, as LibreTranslator sends it.
    assert len(fake.requests) == 1
    sent = fake.requests[0]
    assert sent["path"] == "/translate" and sent["content_type"] == "application/json"
    assert (sent["source"], sent["target"], sent["api_key"], sent["format"]) == (
        "da",
        "de",
        "s3cret",
        "html",
    )
    assert sorted(sent["q"]) == sorted({segment.string.data for segment in gaps})
    # Every gap now has the machine's text, flagged as machine-made; nothing else changed.
    for segment in gaps:
        st = StringTranslation.objects.get(
            translation_of=segment.string,
            locale=translation.target_locale,
            context_id=segment.context_id,
        )
        assert st.data == f"[de] {segment.string.data}"
        assert st.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
        assert st.tool_name == "LibreTranslate"
    assert set(before) <= set(snapshot(translation))
    assert untranslated(translation) == 0


def test_a_failing_service_changes_nothing_and_says_so(events_de):
    page, translation = events_de
    before = snapshot(translation)
    with (
        FakeLibreTranslate(status=500) as fake,
        override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=fake.setting()),
    ):
        response, messages, edit_url = machine_translate(login("translator-de"), page, translation)
    assert len(fake.requests) == 1  # it was asked, and answered 500
    assert response.status_code == 302 and response["Location"] == edit_url
    assert len(messages) == 1 and "nothing was changed" in messages[0]
    assert snapshot(translation) == before


def test_a_service_that_is_down_changes_nothing_and_says_so(events_de):
    page, translation = events_de
    before = snapshot(translation)
    with FakeLibreTranslate() as fake:
        setting = fake.setting()
    # The server is closed now: nothing listens on that port.
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=setting):
        response, messages, edit_url = machine_translate(login("translator-de"), page, translation)
    assert response.status_code == 302 and response["Location"] == edit_url
    assert len(messages) == 1 and "nothing was changed" in messages[0]
    assert snapshot(translation) == before


def test_a_translator_of_another_language_cannot_machine_translate(events_de):
    page, translation = events_de
    before = snapshot(translation)
    with (
        FakeLibreTranslate() as fake,
        override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=fake.setting()),
    ):
        response, _, _ = machine_translate(login("translator-en"), page, translation)
    assert_denied(response)
    assert fake.requests == []
    assert snapshot(translation) == before
