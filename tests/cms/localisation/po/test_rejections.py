"""Every kind of rejection: a clear message naming the entry or the header, and not one
StringTranslation row changed, even though the rest of the file is valid."""

import uuid
from collections.abc import Callable

import polib
import pytest
from wagtail_localize.models import StringTranslation

from cms.localisation.po import export, header, importer

from .conftest import fill, parse, snapshot, to_bytes, translate

LINK = "Ring til"


def _entry(po: polib.POFile, start: str) -> polib.POEntry:
    return next(e for e in po if e.msgid.startswith(start))


def _set(key, value):
    def mutate(po, site):
        po.metadata[key] = value
        return to_bytes(po)

    return mutate


def _msgstr(start, change: Callable[[str], str]):
    def mutate(po, site):
        entry = _entry(po, start)
        entry.msgstr = change(entry.msgstr)
        return to_bytes(po)

    return mutate


def _no_header(po, site):
    po.metadata = {}
    return to_bytes(po)


def _other_locale_export(po, site):
    english = fill(parse(bytes(export.build("en"))))
    english.metadata.update({"Language": "de", header.LOCALE: "de"})
    english.metadata["Plural-Forms"] = po.metadata["Plural-Forms"]
    return to_bytes(english)


def _unknown_translation(po, site):
    entry = _entry(po, LINK)
    entry.msgctxt = f"{uuid.uuid4()}:{entry.msgctxt.split(':', 1)[1]}"
    return to_bytes(po)


def _english_entry(po, site):
    entry = _entry(po, LINK)
    english = site["translations"][("en", "sygemelding")]
    entry.msgctxt = f"{english.uuid}:{entry.msgctxt.split(':', 1)[1]}"
    return to_bytes(po)


def _bad_msgctxt(po, site):
    _entry(po, LINK).msgctxt = "body"
    return to_bytes(po)


def _plural_entry(po, site):
    first = po[0]
    po.append(
        polib.POEntry(
            msgctxt=first.msgctxt,
            msgid="1 dag",
            msgid_plural="%(n)s dage",
            msgstr_plural={0: "1 Tag", 1: "%(n)s Tage"},
        )
    )
    return to_bytes(po)


def _duplicate(po, site):
    return (
        to_bytes(po) + f'\nmsgctxt "{po[0].msgctxt}"\nmsgid "{po[0].msgid}"\nmsgstr "x"\n'.encode()
    )


CASES = {
    "too large": (lambda po, site: to_bytes(po), "file", "larger than the limit"),
    "not UTF-8": (lambda po, site: str(po).encode("latin-1"), "file", "is not UTF-8"),
    "charset": (
        _set("Content-Type", "text/plain; charset=ISO-8859-1"),
        "header",
        "declares charset ISO-8859-1",
    ),
    "syntax": (
        lambda po, site: to_bytes(po) + b"\nthis is not PO syntax\n",
        "file",
        "not a valid PO",
    ),
    "duplicate entry": (_duplicate, "Indskriv", "appears more than once"),
    "no header": (_no_header, "header", "missing"),
    "forged export id": (_set(header.EXPORT_ID, "eyJsb2NhbGUiOiJkZSJ9:x:y"), "header", "unknown"),
    "no export id": (_set(header.EXPORT_ID, ""), "header", "has no X-Udsyn-Export-ID"),
    "export for another locale": (_other_locale_export, "header", "made for 'en'"),
    "locale header": (_set(header.LOCALE, "en"), "header", "X-Udsyn-Locale is 'en'"),
    "language header": (_set("Language", "fr"), "header", "Language is 'fr'"),
    "plural forms": (
        _set("Plural-Forms", "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"),
        "header",
        "nplurals=3",
    ),
    "unknown translation": (_unknown_translation, "Ring til", "unknown translation id"),
    "entry of another locale": (_english_entry, "Ring til", "belongs to the 'en' translation"),
    "bad msgctxt": (_bad_msgctxt, "Ring til", "msgctxt is not"),
    "plural entry": (_plural_entry, "1 dag", "plural entry"),
    "tag not allowed": (
        _msgstr(LINK, lambda s: s + "<script>alert(1)</script>"),
        "Ring til",
        "<script> is not allowed",
    ),
    "tag not in source": (_msgstr("Sygemelding", lambda s: f"<i>{s}</i>"), "Sygemelding", "<i>"),
    "attribute": (
        _msgstr(LINK, lambda s: s.replace('<a id="a1">', '<a id="a1" href="http://x">')),
        "Ring til",
        "only a link's id attribute",
    ),
    "link id changed": (
        _msgstr(LINK, lambda s: s.replace('id="a1"', 'id="a2"')),
        "Ring til",
        'link id "a2"',
    ),
    "unbalanced": (_msgstr(LINK, lambda s: s.replace("</b>", "")), "Ring til", "<b> not closed"),
    "placeholder lost": (
        _msgstr(LINK, lambda s: s.replace("%(navn)s", "Ihr Kind")),
        "Ring til",
        "placeholder %(navn)s of the source text is missing",
    ),
    "brace placeholder lost": (
        _msgstr(LINK, lambda s: s.replace("{telefon}", "12345678")),
        "Ring til",
        "placeholder {telefon}",
    ),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_rejection_names_the_problem_and_changes_nothing(site, settings, kind):
    mutate, where, text = CASES[kind]
    german = site["translations"][("de", "sygemelding")]
    # A stored translation the file would change, and entries that would be new: a partial
    # write would show.
    translate(german, "Sygemelding", "Krankmeldung")
    po = fill(parse(bytes(export.build("de", everything=True))))
    data = mutate(po, site)
    if kind == "too large":
        settings.UDSYN_PO_MAX_BYTES = len(data) - 1
    before = snapshot()
    report = importer.import_po(data, "de")
    assert report.rejected
    assert not report.written and report.counts["imported"] == 0
    assert snapshot() == before
    matching = [m for m in report.errors if text in m.text]
    assert matching, [str(m) for m in report.errors]
    if where in ("file", "header"):
        assert matching[0].where == where
    else:  # the entry: its msgctxt and its first words
        assert "msgctxt" in matching[0].where and where in matching[0].where


def test_every_problem_is_reported_at_once(site):
    po = fill(parse(bytes(export.build("de"))))
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    _entry(po, LINK).msgstr = "Rufen Sie an."
    _entry(po, "Sygemelding").msgstr = "<p>Krankmeldung</p>"
    _entry(po, "Skolen svarer").msgctxt = "nothing"
    report = importer.import_po(to_bytes(po), "de")
    wheres = [m.where for m in report.errors]
    assert wheres.count("header") == 1
    assert len([w for w in wheres if "Ring til" in w]) == 3  # the link and both placeholders
    assert any("Sygemelding" in w for w in wheres)
    assert any("Skolen svarer" in w for w in wheres)
    assert StringTranslation.objects.count() == 0
