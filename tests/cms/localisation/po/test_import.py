"""Bulk import: validated completely, written in one transaction, honest about what it did."""

import polib
import pytest
from django.db.models.signals import pre_save
from wagtail.models import Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.localisation.po import export, importer

from .conftest import fill, parse, segment, snapshot, to_bytes, translate

LINK_MSGID = 'Ring til <a id="a1">skolen</a> på <b>{telefon}</b>, hvis %(navn)s er syg.'


def pages() -> list[tuple]:
    return list(
        Page.objects.order_by("id").values_list(
            "id",
            "locale_id",
            "title",
            "draft_title",
            "live",
            "latest_revision_id",
            "has_unpublished_changes",
        )
    )


def german(site):
    return site["translations"][("de", "sygemelding")]


def test_valid_import_writes_manual_translations_by_the_user(site, django_user_model):
    user = django_user_model.objects.create_user("agency", password="x")
    po = fill(parse(bytes(export.build("de"))))
    pages_before, revisions = pages(), Revision.objects.count()
    report = importer.import_po(to_bytes(po), "de", user=user)
    assert not report.rejected, report.messages
    assert report.written
    assert report.counts["imported"] == len(po) > 0
    rows = StringTranslation.objects.filter(locale__language_code="de")
    assert rows.count() == len(po)
    assert set(rows.values_list("translation_type", "last_translated_by", "tool_name")) == {
        ("manual", user.id, importer.TOOL_NAME)
    }
    link = segment(german(site), "Ring til")
    assert rows.get(translation_of=link.string, context=link.context).data == f"DE {LINK_MSGID}"
    # String translations only: no page is created, saved, or published.
    assert (pages(), Revision.objects.count()) == (pages_before, revisions)
    assert StringTranslation.objects.filter(locale__language_code="en").count() == 0


def test_changed_translation_is_updated_and_others_left_alone(site):
    title = translate(german(site), "Sygemelding", "Krankmeldung")
    summary = translate(german(site), "Sådan melder", "So melden Sie Ihr Kind krank.")
    po = parse(bytes(export.build("de", everything=True)))
    po.find("Sygemelding", msgctxt=f"{german(site).uuid}:title").msgstr = "Krankmeldung (Kind)"
    summary_before = snapshot()[[r[0] for r in snapshot()].index(summary.id)]
    report = importer.import_po(to_bytes(po), "de")
    assert report.counts["imported"] == 1
    assert report.counts["unchanged"] == 1  # the summary: same text as stored
    title.refresh_from_db()
    assert title.data == "Krankmeldung (Kind)"
    assert snapshot()[[r[0] for r in snapshot()].index(summary.id)] == summary_before


@pytest.mark.parametrize("everything", [True, False])
def test_round_trip_without_edits_changes_nothing(site, everything):
    translate(german(site), "Sygemelding", "Krankmeldung")
    translate(
        german(site),
        "Ring til",
        'Rufen Sie <a id="a1">die Schule</a> an: <b>{telefon}</b>, %(navn)s.',
    )
    translate(
        site["translations"][("de", "skole")], "Kontakt skolen.", "Kontaktieren Sie die Schule."
    )
    before = snapshot()
    data = bytes(export.build("de", everything=everything))
    report = importer.import_po(data, "de")
    assert not report.rejected, report.messages
    assert snapshot() == before
    assert report.counts["imported"] == 0
    assert report.counts["unchanged"] == (3 if everything else 0)
    assert report.counts["empty"] == len(parse(data)) - report.counts["unchanged"]


def test_dry_run_counts_and_writes_nothing(site):
    po = fill(parse(bytes(export.build("de"))))
    report = importer.import_po(to_bytes(po), "de", dry_run=True)
    assert not report.rejected and not report.written
    assert report.counts["imported"] == len(po)
    assert StringTranslation.objects.count() == 0


def test_fuzzy_obsolete_and_changed_source_are_reported_and_skipped(site):
    po = fill(parse(bytes(export.build("de"))))
    context = f"{german(site).uuid}"
    fuzzy = po.find("Sygemelding", msgctxt=f"{context}:title")
    fuzzy.flags.append("fuzzy")
    po.append(
        polib.POEntry(msgctxt=f"{context}:intro", msgid="Gammel", msgstr="Alt", obsolete=True)
    )
    # The source changes after the export: its summary is no longer what the file translates.
    page = site["page"]
    page.summary = "Meld dit barn syg inden kl. 8."
    page.save_revision().publish()
    TranslationSource.update_or_create_from_instance(page)
    gone = po.find("Skolen svarer hverdage.")
    gone.msgctxt = f"{context}:body.no-such-block"
    report = importer.import_po(to_bytes(po), "de")
    assert not report.rejected, report.errors
    assert report.counts["skipped_fuzzy"] == 1
    assert report.counts["skipped_obsolete"] == 1
    assert report.counts["skipped_changed_source"] == 2
    assert report.counts["imported"] == len(po) - 1 - 1 - 2
    texts = [str(m) for m in report.warnings]
    assert any(f'"{context}:title"' in t and "fuzzy" in t for t in texts)
    assert any("Gammel" in t and "obsolete" in t for t in texts)
    assert any('("Sådan melder du dit barn' in t and "source text changed" in t for t in texts)
    assert any("Skolen svarer hverdage." in t and "no longer on the page" in t for t in texts)
    title = segment(german(site), "Sygemelding")
    assert not StringTranslation.objects.filter(
        translation_of=title.string, locale__language_code="de"
    ).exists()


def test_empty_msgstr_never_deletes_a_translation(site):
    title = translate(german(site), "Sygemelding", "Krankmeldung")
    po = parse(bytes(export.build("de", everything=True)))
    po.find("Sygemelding", msgctxt=f"{german(site).uuid}:title").msgstr = ""
    before = snapshot()
    report = importer.import_po(to_bytes(po), "de")
    assert report.counts["empty"] == len(po)
    assert snapshot() == before and StringTranslation.objects.filter(id=title.id).exists()


def test_stopped_translation_is_reported_and_skipped(site):
    po = fill(parse(bytes(export.build("de"))))
    german(site).enabled = False
    german(site).save()
    report = importer.import_po(to_bytes(po), "de")
    assert not report.rejected
    assert report.counts["skipped_stopped"] > 0
    assert report.counts["imported"] == len(po) - report.counts["skipped_stopped"]


def test_a_conflict_while_writing_rolls_back_every_row(site):
    """One transaction: when the last write fails, the ones before it are undone too."""
    po = fill(parse(bytes(export.build("de"))))
    last = po[-1]
    translation_id, path = last.msgctxt.split(":", 1)
    translation = Translation.objects.get(uuid=translation_id)
    contested = StringSegment.objects.get(
        source=translation.source, context__path=path, string__data=last.msgid
    )
    editor_saved = []

    def translator_in_the_editor(sender, instance, **kwargs):
        # While the import writes its first row, someone saves the file's last string.
        if editor_saved or instance.tool_name != importer.TOOL_NAME:
            return
        editor_saved.append(
            StringTranslation.objects.create(
                translation_of=contested.string,
                context=contested.context,
                locale=translation.target_locale,
                data="Aus dem Editor",
                translation_type="manual",
            )
        )

    before = snapshot()
    pre_save.connect(translator_in_the_editor, sender=StringTranslation, weak=False)
    try:
        report = importer.import_po(to_bytes(po), "de")
    finally:
        pre_save.disconnect(translator_in_the_editor, sender=StringTranslation)
    assert editor_saved  # the conflict happened
    assert report.rejected and not report.written
    assert "nothing was imported" in str(report.errors[0])
    assert snapshot() == before
