"""A published page says, in its API ``translation`` object, what its readers get that no person
confirmed: unconfirmed machine translation, and source-language text an approver explicitly
chose to publish. The facts are those of the published version: later unpublished work does not
change them; the next complete, confirmed publish clears them."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.localisation.guards import untranslated
from cms.review.flags import unconfirmed_machine

from ..review.conftest import EVENTS_DE, login, machine_translate

pytestmark = pytest.mark.usefixtures("demo")


def events_de() -> tuple[Page, Translation]:
    page = Page.objects.get(url_path=EVENTS_DE)
    return page, Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="de"
    )


def api_translation(page: Page) -> dict:
    response = Client().get(f"/api/v2/pages/{page.id}/")
    assert response.status_code == 200
    return response.json()["meta"]["translation"]


def publish_in_editor(page: Page) -> None:
    login("approver").post(
        reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}
    )


def translate_the_rest_by_hand(translation: Translation) -> None:
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": f"[de] {segment.string.data}", "translation_type": "manual"},
        )


def test_a_page_published_with_unconfirmed_machine_text_says_so():
    page, translation = events_de()
    machine_translate(translation)
    machine = unconfirmed_machine(translation)
    assert machine and untranslated(translation) == 0
    publish_in_editor(page)
    page.refresh_from_db()
    assert page.live
    state = api_translation(page)
    assert state["machine_translated"] == {"unconfirmed": machine}
    assert state["untranslated_published"] is None
    assert state["state"] == "current"

    # Confirming is unpublished work: what readers see has not changed, nor does the flag.
    login("translator-de").post(
        reverse("udsyn_confirm_machine", args=[translation.id]), {"confirm_all": "1"}
    )
    assert unconfirmed_machine(translation) == 0
    assert api_translation(page)["machine_translated"] == {"unconfirmed": machine}

    # Published again, complete and confirmed: the flag is gone.
    publish_in_editor(page)
    assert api_translation(page)["machine_translated"] is None


def test_only_the_demos_two_cases_carry_flags():
    listing = Client().get("/api/v2/pages/", {"limit": 200}).json()["items"]

    def key(danish_slug: str) -> str:
        page = Page.objects.get(slug=danish_slug, locale__language_code="da")
        return str(page.translation_key)

    flagged = {
        (item["meta"]["locale"], item["meta"]["translation_key"], name)
        for item in listing
        for name in ("machine_translated", "untranslated_published")
        if item["meta"]["translation"][name] is not None
    }
    assert flagged == {
        ("de", key("eksport-og-erhvervsservice"), "machine_translated"),
        ("de", key("saadan-kommer-du-hertil"), "untranslated_published"),
    }


def override_url(translation: Translation) -> str:
    return reverse("udsyn_publish_incomplete", args=[translation.id])


def test_an_approvers_explicit_choice_is_published_and_said():
    page, translation = events_de()
    missing = untranslated(translation)
    assert missing and not page.live
    client = login("approver")
    form = client.get(override_url(translation))
    assert form.status_code == 200
    text = form.content.decode()
    assert f"{missing} segment" in text and 'name="confirm"' in text

    # Without ticking the box, nothing is published.
    response = client.post(override_url(translation), {"segments": missing})
    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.live

    response = client.post(override_url(translation), {"segments": missing, "confirm": "on"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    state = api_translation(page)
    flag = state["untranslated_published"]
    assert set(flag) == {"segments", "approved_by_role", "at"}
    assert (flag["segments"], flag["approved_by_role"]) == (missing, "approver")
    assert flag["at"]
    assert state["state"] == "partial"
    # Roles, never people: nothing identifying the approver in the page's API response.
    approver = get_user_model().objects.get(username="approver")
    body = Client().get(f"/api/v2/pages/{page.id}/").content.decode()
    for detail in (approver.email, approver.get_full_name(), approver.last_name):
        if detail:
            assert detail not in body
    assert "last_translated_by" not in body and '"owner"' not in body

    # Later work in the translation does not change what the published page says...
    translate_the_rest_by_hand(translation)
    assert api_translation(page)["untranslated_published"] == flag
    # ...until it is published complete.
    publish_in_editor(page)
    assert api_translation(page)["untranslated_published"] is None


def test_a_stale_count_is_not_a_choice():
    page, translation = events_de()
    missing = untranslated(translation)
    response = login("approver").post(
        override_url(translation), {"segments": missing + 1, "confirm": "on"}
    )
    assert response.status_code == 200
    assert "check the number again" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def rows(page: Page, translation: Translation) -> tuple:
    return (
        list(Page.objects.filter(translation_key=page.translation_key).order_by("pk").values()),
        list(page.revisions.order_by("pk").values_list("pk", "created_at")),
        list(
            StringTranslation.objects.filter(locale=translation.target_locale)
            .order_by("pk")
            .values()
        ),
    )


@pytest.mark.parametrize("username", ["translator-de", "translator-en", "editor"])
def test_only_approvers_may_choose(username):
    page, translation = events_de()
    missing = untranslated(translation)
    before = rows(page, translation)
    client = login(username)
    for response in (
        client.get(override_url(translation)),
        client.post(override_url(translation), {"segments": missing, "confirm": "on"}),
    ):
        if response.status_code == 302:  # the admin's permission-denied redirect
            assert response["Location"] == "/admin/"
        else:
            assert response.status_code == 403
    assert rows(page, translation) == before


def test_approvers_find_the_choice_in_the_page_listing():
    page, translation = events_de()
    listing = reverse("wagtailadmin_explore", args=[page.get_parent().id])
    url = override_url(translation)
    assert url in login("approver").get(listing).content.decode()
    assert url not in login("translator-de").get(listing).content.decode()
    # Nothing left untranslated: nothing to choose.
    translate_the_rest_by_hand(translation)
    assert url not in login("approver").get(listing).content.decode()
