"""Machine translations stay flagged until a person confirms them: in the confirmation view
(translators of that language, approvers), or by editing them in wagtail-localize's editor."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail_localize.models import StringSegment, StringTranslation

from cms.review.flags import machine_strings, unconfirmed_machine

from .conftest import assert_denied, login, machine_translate


@pytest.fixture
def machine_translated(events_de):
    page, translation = events_de
    machine_translate(translation)
    assert unconfirmed_machine(translation) > 1
    return page, translation


def types(translation) -> dict[int, tuple[str, int | None]]:
    return {
        st.pk: (st.translation_type, st.last_translated_by_id)
        for st in StringTranslation.objects.filter(locale=translation.target_locale)
    }


def confirm_url(translation) -> str:
    return reverse("udsyn_confirm_machine", args=[translation.id])


def test_the_translator_reviews_the_machine_strings_beside_their_source(machine_translated):
    _page, translation = machine_translated
    response = login("translator-de").get(confirm_url(translation))
    assert response.status_code == 200
    html = response.content.decode()
    strings = list(machine_strings(translation).select_related("translation_of"))
    assert len(strings) == unconfirmed_machine(translation)
    for st in strings:
        assert escape(st.translation_of.data) in html
        assert escape(st.data) in html
        assert f'name="strings" value="{st.pk}"' in html
    assert '<th scope="col">' in html


def test_confirming_selected_then_all(machine_translated, users):
    _page, translation = machine_translated
    client = login("translator-de")
    first, *rest = machine_strings(translation).order_by("pk")
    before = types(translation)
    response = client.post(confirm_url(translation), {"strings": [first.pk]})
    assert response.status_code == 302
    after = types(translation)
    translator = users["translator-de"].pk
    assert after[first.pk] == (StringTranslation.TRANSLATION_TYPE_MANUAL, translator)
    # Only the one selected: every other string is as it was.
    assert {k: v for k, v in after.items() if k != first.pk} == {
        k: v for k, v in before.items() if k != first.pk
    }
    assert unconfirmed_machine(translation) == len(rest)

    client.post(confirm_url(translation), {"confirm_all": "1"})
    assert unconfirmed_machine(translation) == 0
    assert all(types(translation)[st.pk][0] == "manual" for st in rest)


def test_nothing_selected_confirms_nothing(machine_translated):
    _page, translation = machine_translated
    before = types(translation)
    response = login("translator-de").post(confirm_url(translation), {})
    assert response.status_code == 200
    assert "Select the machine translations" in response.content.decode()
    assert types(translation) == before


@pytest.mark.parametrize("username", ["translator-en", "editor"])
def test_others_may_not_confirm(machine_translated, username):
    _page, translation = machine_translated
    before = types(translation)
    client = login(username)
    assert_denied(client.get(confirm_url(translation)))
    assert_denied(client.post(confirm_url(translation), {"confirm_all": "1"}))
    assert types(translation) == before


def test_an_approver_may_confirm(machine_translated):
    _page, translation = machine_translated
    login("approver").post(confirm_url(translation), {"confirm_all": "1"})
    assert unconfirmed_machine(translation) == 0


def test_editing_a_machine_string_in_the_editor_makes_it_a_persons(machine_translated, users):
    _page, translation = machine_translated
    st = machine_strings(translation).order_by("pk").first()
    segment = StringSegment.objects.get(
        source=translation.source, string_id=st.translation_of_id, context_id=st.context_id
    )
    count = unconfirmed_machine(translation)
    response = login("translator-de").put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        urlencode({"value": "Von Hand übersetzt"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    st.refresh_from_db()
    assert (st.data, st.translation_type) == ("Von Hand übersetzt", "manual")
    assert st.last_translated_by_id == users["translator-de"].pk
    assert unconfirmed_machine(translation) == count - 1


def test_the_page_offers_the_confirmation_to_its_translators(machine_translated):
    """In the page listing's "more" menu of its parent, and in its own explorer header (the
    wagtail-localize editor renders no header buttons)."""
    page, translation = machine_translated
    url = confirm_url(translation)
    listing = reverse("wagtailadmin_explore", args=[page.get_parent().id])
    own = reverse("wagtailadmin_explore", args=[page.id])
    translator = login("translator-de")
    assert url in translator.get(listing).content.decode()
    assert url in translator.get(own).content.decode()
    assert url not in login("translator-en").get(listing).content.decode()
    # Once confirmed, there is nothing left to offer.
    translator.post(url, {"confirm_all": "1"})
    assert url not in translator.get(listing).content.decode()
