"""Bulk export: one PO file per target locale, outstanding strings by default."""

import polib
import pytest
from wagtail_localize.models import StringSegment

from cms.localisation.po import export, header
from sitebuild import i18n
from sitebuild.stages.render import LOCALES

from .conftest import parse, translate


@pytest.mark.parametrize("code", ["de", "ar", "ru", "zh-hans", "fr"])
def test_header_names_udsyn_the_locale_and_its_plural_forms(db, code):
    po = parse(bytes(export.build(code)))
    site_catalogue = polib.pofile(str(i18n.po_path(LOCALES, code)))
    assert po.metadata["Language"] == code
    assert po.metadata["X-Udsyn-Locale"] == code
    assert po.metadata["Project-Id-Version"] == "Udsyn"
    # The same rule as the site's own interface strings, with the right number of forms.
    assert po.metadata["Plural-Forms"] == site_catalogue.metadata["Plural-Forms"]
    assert f"nplurals={i18n.NPLURALS[code]};" in po.metadata["Plural-Forms"]
    assert header.read_export_id(po.metadata["X-Udsyn-Export-ID"])["locale"] == code


def test_each_export_has_its_own_id(db):
    first, second = export.build("de"), export.build("de")
    assert first.export_id != second.export_id


def test_outstanding_strings_of_every_translation_into_the_locale(site):
    german = site["translations"][("de", "sygemelding")]
    translate(german, "Sygemelding", "Krankmeldung")
    po = parse(bytes(export.build("de")))
    segments = StringSegment.objects.filter(
        source__in=[t.source for (code, _), t in site["translations"].items() if code == "de"]
    ).select_related("string")
    expected = {s.string.data for s in segments} - {"Sygemelding"}
    assert {entry.msgid for entry in po} == expected
    assert all(entry.msgstr == "" for entry in po)
    # One entry per string translation: uuid and segment path in msgctxt, and page context.
    summary = next(e for e in po if e.msgid == "Sådan melder du dit barn syg.")
    assert summary.msgctxt == f"{german.uuid}:summary"
    assert summary.comment == "Sygemelding - /da/arbejde-og-bo/sygemelding/"
    assert len({(e.msgctxt, e.msgid) for e in po}) == len(po)


def test_all_strings_with_their_translations(site):
    german = site["translations"][("de", "sygemelding")]
    translate(german, "Sygemelding", "Krankmeldung")
    translate(site["translations"][("en", "sygemelding")], "Sygemelding", "Sick leave")
    po = parse(bytes(export.build("de", everything=True)))
    title = po.find("Sygemelding", msgctxt=f"{german.uuid}:title")
    assert title.msgstr == "Krankmeldung"  # the German one, never the English
    outstanding = parse(bytes(export.build("de")))
    assert len(po) == len(outstanding) + 1


def test_stopped_translations_are_not_exported(site):
    german = site["translations"][("de", "sygemelding")]
    german.enabled = False
    german.save()
    po = parse(bytes(export.build("de")))
    assert po and not [e for e in po if e.msgctxt.startswith(str(german.uuid))]
