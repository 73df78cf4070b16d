"""A small Danish tree with translations into German and English, built in code: most PO tests
need real wagtail-localize segments, not the whole demo."""

from datetime import date

import polib
import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.information.models import InformationPage
from tests.cms.factories import danish_tree

LINKED = (
    '<p>Ring til <a href="https://skole.example.dk">skolen</a> på <b>{telefon}</b>, '
    "hvis %(navn)s er syg.</p>"
)


@pytest.fixture
def site(db):
    tree = danish_tree()
    da = Locale.objects.get(language_code="da")
    page = tree["section"].add_child(
        instance=InformationPage(
            title="Sygemelding",
            slug="sygemelding",
            locale=da,
            summary="Sådan melder du dit barn syg.",
            body=[
                {"type": "paragraph", "value": LINKED},
                {"type": "paragraph", "value": "<p>Skolen svarer hverdage.</p>"},
            ],
            content_owner="Skoleservice",
            last_reviewed=date(2026, 10, 1),
        )
    )
    page.save_revision().publish()
    translations = {}
    for code in ("de", "en"):
        for instance in (tree["info"], page):
            source, _ = TranslationSource.get_or_create_from_instance(instance)
            translations[(code, instance.slug)] = Translation.objects.create(
                source=source, target_locale=Locale.objects.get(language_code=code)
            )
    return {"page": page, "info": tree["info"], "translations": translations}


def segment(translation: Translation, text: str) -> StringSegment:
    """The segment of ``translation``'s source with the text ``text``, or else containing it."""
    segments = StringSegment.objects.select_related("string", "context").filter(
        source=translation.source
    )
    exact = segments.filter(string__data=text)
    return exact.get() if exact.exists() else segments.get(string__data__contains=text)


def translate(translation: Translation, text: str, data: str) -> StringTranslation:
    found = segment(translation, text)
    return StringTranslation.objects.create(
        translation_of=found.string,
        context=found.context,
        locale=translation.target_locale,
        data=data,
        translation_type="manual",
    )


def snapshot() -> list[tuple]:
    """Every StringTranslation row, every column that matters."""
    return list(
        StringTranslation.objects.order_by("id").values_list(
            "id",
            "translation_of_id",
            "context_id",
            "locale_id",
            "data",
            "translation_type",
            "tool_name",
            "last_translated_by_id",
            "has_error",
            "updated_at",
            "created_at",
        )
    )


def parse(data: bytes) -> polib.POFile:
    return polib.pofile(data.decode("utf-8"))


def fill(po: polib.POFile, translate_text=lambda msgid: f"DE {msgid}") -> polib.POFile:
    for entry in po:
        entry.msgstr = translate_text(entry.msgid)
    return po


def to_bytes(po: polib.POFile) -> bytes:
    return str(po).encode("utf-8")
