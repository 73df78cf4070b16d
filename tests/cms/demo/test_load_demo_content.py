"""The demo content: built through wagtail-localize, idempotent, and with every translation
state later work needs."""

from pathlib import Path

from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms.contacts.models import Contact
from cms.home.models import HomePage
from cms.strategy.models import StrategyPage

SEED = Path(__file__).resolve().parents[3] / "cms" / "demo" / "seed"


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "live": Page.objects.filter(live=True).count(),
        "translations": Translation.objects.count(),
        "string_translations": StringTranslation.objects.count(),
        "contacts": Contact.objects.count(),
    }


def page(code: str, url_path_end: str) -> Page:
    return Page.objects.get(locale__language_code=code, url_path__endswith=url_path_end).specific


def test_running_twice_gives_the_same_counts(demo):
    before = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == before
    assert before["pages"] > 50


def test_reset_rebuilds_the_same_content(demo):
    before = counts()
    call_command("load_demo_content", reset=True, verbosity=0)
    after = counts()
    assert after["pages"] == before["pages"]
    assert after["contacts"] == before["contacts"]
    bad = [p.url_path for p in Page.objects.all() if p.numchild != p.get_children_count()]
    assert bad == []


def test_welcome_text_exists_in_all_eight_languages(demo):
    homes = {h.locale.language_code: h for h in HomePage.objects.live()}
    assert set(homes) == {"da", "en", "de", "zh-hans", "ar", "ru", "es", "fr"}
    assert "欢迎" in homes["zh-hans"].title
    assert "مرحب" in homes["ar"].title
    assert len({h.welcome for h in homes.values()}) == 8  # each really translated


def test_strategy_english_comes_from_the_seed_through_wagtail_localize(demo):
    seed_en = (SEED / "international-strategy-2012.txt").read_text(encoding="utf-8")
    da = page("da", "/international-strategi/borger/")
    en = page("en", "/international-strategy/citizen/")
    assert en.translation_key == da.translation_key
    source = TranslationSource.objects.get(object_id=da.translation_key, locale=da.locale)
    assert Translation.objects.filter(source=source, target_locale=en.locale).exists()
    translated = StringTranslation.objects.filter(
        translation_of__in=StringSegment.objects.filter(source=source).values("string"),
        locale=en.locale,
    )
    assert translated.count() >= 10
    paragraph = "All students in the primary and secondary schools in Herning Municipal"
    assert paragraph in seed_en
    assert paragraph in str(en.body.raw_data)
    # Every segment of every English strategy page is translated: none left in Danish.
    for en_page in StrategyPage.objects.filter(locale__language_code="en"):
        assert "Hvorfor" not in str(en_page.body.raw_data)
    assert StrategyPage.objects.filter(locale__language_code="da").count() == 8
    assert StrategyPage.objects.filter(locale__language_code="en", live=True).count() == 8


def test_information_set_has_two_pages_per_audience_in_da_en_de(demo):
    for code in ("da", "en", "de"):
        sections = Page.objects.filter(
            locale__language_code=code, depth=3, content_type__model="audiencepage"
        )
        assert sections.count() == 3
        for section in sections:
            assert section.get_children().live().count() >= (1 if code == "de" else 2)


def test_welcome_letter_in_english_and_german(demo):
    assert page("en", "/welcome-letter/").live
    assert page("de", "/willkommensbrief/").live


def test_contacts_are_fictional(demo):
    for contact in Contact.objects.all():
        assert contact.email.endswith(".example")
        assert contact.phone.replace(" ", "").startswith("+450")


def test_outdated_case_source_changed_after_translation(demo):
    da = page("da", "/arbejde-og-bo/flyt-til-herning/")
    en = page("en", "/work-live/moving-to-herning/")
    de = page("de", "/arbeiten-leben/umzug-nach-herning/")
    source = TranslationSource.objects.get(object_id=da.translation_key, locale=da.locale)
    # English was last published before the Danish edit, German after its update.
    assert en.last_published_at < da.last_published_at
    assert de.last_published_at > da.last_published_at
    assert "Book en tid" in str(da.body.raw_data)
    assert "Buchen Sie vorher" in str(de.body.raw_data)
    assert "Book" not in str(en.body.raw_data)
    assert source.last_updated_at > en.last_published_at


def test_partial_case_is_a_draft_with_untranslated_segments(demo):
    de_events = page("de", "/besuch/internationale-veranstaltungen/")
    assert not de_events.live
    source = TranslationSource.objects.get(
        object_id=de_events.translation_key, locale__language_code="da"
    )
    de = Locale.objects.get(language_code="de")
    segments = StringSegment.objects.filter(source=source)
    done = StringTranslation.objects.filter(
        translation_of__in=segments.values("string"),
        locale=de,
        context__in=segments.values("context"),
    ).count()
    assert 0 < done < segments.count()


def version(code: str, danish_end: str) -> Page:
    danish = page("da", danish_end)
    return Page.objects.get(translation_key=danish.translation_key, locale__language_code=code)


def api_translation(client, code: str, danish_end: str) -> dict:
    target = version(code, danish_end)
    response = client.get(f"/api/v2/pages/{target.id}/")
    assert response.status_code == 200
    return response.json()["meta"]["translation"]


def test_machine_and_approved_untranslated_cases_are_published_and_labelled(demo, client):
    export = api_translation(client, "de", "/eksport-og-erhvervsservice/")
    assert export["state"] == "current"
    assert export["machine_translated"] == {"unconfirmed": 2}
    assert export["untranslated_published"] is None
    assert version("de", "/saadan-kommer-du-hertil/").live
    getting_here = api_translation(client, "de", "/saadan-kommer-du-hertil/")
    assert getting_here["state"] == "partial"
    assert getting_here["untranslated_published"]["segments"] == 1
    assert getting_here["untranslated_published"]["approved_by_role"] == "approver"
    # Every other German translation is confirmed and complete.
    moving = api_translation(client, "de", "/flyt-til-herning/")
    assert moving["machine_translated"] is None and moving["untranslated_published"] is None


def test_the_english_translator_has_a_notice_about_the_changed_page(demo):
    from cms.localisation.models import TranslationNotice

    notices = TranslationNotice.objects.select_related("user", "page", "locale")
    assert [(n.user.username, n.page.url_path, n.locale.language_code) for n in notices] == [
        ("translator-en", "/da/arbejde-og-bo/flyt-til-herning/", "en")
    ]
