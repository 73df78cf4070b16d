"""Interface strings: extracted from the templates, complete in all eight languages, with the
right plural forms; broken catalogues are caught with a message naming the problem."""

import shutil
from pathlib import Path

import polib
import pytest

from sitebuild import i18n
from sitebuild.cli import main
from sitebuild.stages import render

TEMPLATES = render.THEME / "templates"


@pytest.fixture
def msgids():
    return set(i18n.extract(TEMPLATES))


def test_strings_are_extracted_from_templates_and_code(msgids):
    assert {
        "Skip to main content",
        "Read this page in",
        "Accessibility statement",
        "Choose your language",
        "Page not found",
    } <= msgids


@pytest.mark.parametrize("lang", list(i18n.NPLURALS))
def test_every_catalogue_is_complete_and_well_formed(lang, msgids):
    assert i18n.check_catalogue(i18n.po_path(render.LOCALES, lang), lang, msgids) == []


def test_the_accessibility_statement_link_is_tilgaengelighedserklaering_in_danish():
    catalogue = i18n.load(render.LOCALES, "da")
    assert catalogue.gettext("Accessibility statement") == "Tilgængelighedserklæring"


@pytest.mark.parametrize(
    ("lang", "counts", "forms"),
    [
        ("ar", [0, 1, 2, 3, 11, 100], [0, 1, 2, 3, 4, 5]),
        ("ru", [1, 2, 5, 21, 22, 11], [0, 1, 2, 0, 1, 2]),
        ("zh-hans", [0, 1, 5], [0, 0, 0]),
        ("fr", [0, 1, 2], [0, 0, 1]),
        ("da", [0, 1, 2], [1, 0, 1]),
    ],
)
def test_plural_rules_from_the_catalogues(lang, counts, forms):
    catalogue = i18n.load(render.LOCALES, lang)
    assert [catalogue.plural(n) for n in counts] == forms


@pytest.fixture
def broken(tmp_path):
    def make(lang: str, change) -> Path:
        path = tmp_path / lang / "LC_MESSAGES" / "site.po"
        path.parent.mkdir(parents=True)
        shutil.copy(i18n.po_path(render.LOCALES, lang), path)
        po = polib.pofile(str(path))
        change(po)
        po.save(str(path))
        return path

    return make


def test_a_missing_string(broken, msgids):
    path = broken("de", lambda po: po.remove(po.find("Phone")))
    assert i18n.check_catalogue(path, "de", msgids) == [f"{path}: missing 'Phone'"]


def test_wrong_plural_forms(broken, msgids):
    def two_forms(po):
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"

    problems = i18n.check_catalogue(broken("ar", two_forms), "ar", msgids)
    assert len(problems) == 1 and "should have nplurals=6" in problems[0]


def test_a_broken_placeholder(broken, msgids):
    msgid = "This translation may be out of date: the original page was changed on %(date)s."

    def drop_placeholder(po):
        po.find(msgid).msgstr = "Diese Übersetzung ist vielleicht veraltet."

    problems = i18n.check_catalogue(broken("de", drop_placeholder), "de", msgids)
    assert len(problems) == 1 and "breaks a placeholder" in problems[0]


def test_fuzzy_and_untranslated_strings(broken, msgids):
    def damage(po):
        po.find("Contact").flags.append("fuzzy")
        po.find("E-mail").msgstr = ""

    problems = i18n.check_catalogue(broken("fr", damage), "fr", msgids)
    assert any("'Contact' is marked fuzzy" in p for p in problems)
    assert any("'E-mail' is not translated" in p for p in problems)


def test_a_malformed_file(tmp_path, msgids):
    path = tmp_path / "site.po"
    path.write_text('msgid "open\nmsgstr', encoding="utf-8")
    assert "cannot be read" in i18n.check_catalogue(path, "da", msgids)[0]


def test_update_adds_new_strings_and_retires_old_ones(tmp_path):
    path = tmp_path / "site.po"
    shutil.copy(i18n.po_path(render.LOCALES, "es"), path)
    added, gone = i18n.update_catalogue(path, "es", {"Brand new": ["x.html:1"], "Phone": []})
    assert added == 1 and gone >= 10
    po = polib.pofile(str(path))
    assert po.find("Brand new").msgstr == ""
    assert po.find("Contact", include_obsolete_entries=True).obsolete


def test_update_with_everything_extracted_keeps_the_catalogue_complete(tmp_path):
    """The real extraction, month names (used through code, no line number) included."""
    path = tmp_path / "site.po"
    shutil.copy(i18n.po_path(render.LOCALES, "de"), path)
    msgids = i18n.extract(render.THEME / "templates")
    assert i18n.update_catalogue(path, "de", msgids) == (0, 0)
    assert i18n.check_catalogue(path, "de", set(msgids)) == []
    assert polib.pofile(str(path)).find("January").occurrences == [("sitebuild/i18n.py", "")]


def test_the_locales_command_passes_on_the_repository(capsys):
    assert main(["locales"]) == 0
    assert "all complete" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "26. november 2026"),
        ("en", "26 November 2026"),
        ("de", "26. November 2026"),
        ("zh-hans", "2026年11月26日"),
        ("ar", "26 نوفمبر 2026"),
        ("ru", "26 ноября 2026"),
        ("es", "26 de noviembre de 2026"),
        ("fr", "26 novembre 2026"),
    ],
)
def test_dates_as_readers_write_them(lang, expected):
    assert i18n.load(render.LOCALES, lang).date("2026-11-26T10:00:00+00:00") == expected


def test_plural_forms_with_the_right_count_but_another_rule(broken, msgids):
    def english_rule(po):
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"  # French says "1,5 jour"

    problems = i18n.check_catalogue(broken("fr", english_rule), "fr", msgids)
    assert len(problems) == 1 and "is not the fr rule" in problems[0]
