from django.conf import settings
from wagtail.models import Locale

from cms.languages import LANGUAGES


def test_eight_locales_exist_with_danish_as_default(db):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {"da", "en", "de", "zh-hans", "ar", "ru", "es", "fr"}
    assert Locale.get_default().language_code == "da"
    assert settings.LANGUAGE_CODE == "da"


def test_wagtail_localize_locales_replaces_wagtail_locales():
    assert "wagtail_localize.locales" in settings.INSTALLED_APPS
    assert "wagtail.locales" not in settings.INSTALLED_APPS


def test_starting_a_translation_does_not_publish_a_copy():
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False


def test_language_table_directions_and_scope():
    table = {lang.code: lang for lang in LANGUAGES}
    assert table["ar"].direction == "rtl"
    assert {code for code, lang in table.items() if lang.direction == "rtl"} == {"ar"}
    assert {code for code, lang in table.items() if lang.scope == "full"} == {"da", "en", "de"}
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == list(table)
