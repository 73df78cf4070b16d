"""Checks of an uploaded PO file that need no database: size, encoding, syntax, header, and
each translation's HTML and placeholders against its source text."""

import contextlib
import os
import re
import tempfile
from collections import Counter
from html.parser import HTMLParser

import polib
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail_localize.strings import INLINE_TAGS

from contract.html import ALLOWED_TAGS

from . import header
from .report import Report

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Markup a translation may carry: inline tags wagtail-localize keeps in a segment that the
# site's sanitiser also lets through.
ALLOWED_INLINE = frozenset(INLINE_TAGS) & frozenset(ALLOWED_TAGS)
VOID = frozenset({"br"})
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)


def max_bytes() -> int:
    return getattr(settings, "UDSYN_PO_MAX_BYTES", DEFAULT_MAX_BYTES)


def read(data: bytes, report: Report) -> polib.POFile | None:
    """The parsed file, or None with the reason in ``report``."""
    limit = max_bytes()
    if len(data) > limit:
        report.error(
            "file", _("is larger than the limit of %(limit)s bytes") % {"limit": f"{limit:,}"}
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(
            "file",
            _(
                "is not UTF-8 (byte 0x%(byte)02x on line %(line)d); "
                "save it as UTF-8 and upload it again"
            )
            % {"byte": data[exc.start], "line": line},
        )
        return None
    # polib takes a file name or the contents in the same argument: contents that happen to be
    # a path would be read from disk. Parse from a file of our own instead.
    fd, path = tempfile.mkstemp(suffix=".po")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        # Duplicates are the importer's to judge: wagtail-localize's own per-page export repeats
        # an entry when a text occurs twice in one field.
        return polib.pofile(path, encoding="utf-8", wrapwidth=0)
    except Exception as exc:  # polib raises OSError, ValueError and others for bad input
        detail = str(exc).replace(f"{path}", "").replace("  ", " ")
        report.error("file", _("is not a valid PO file: %(detail)s") % {"detail": detail})
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def check_header(po: polib.POFile, code: str, report: Report) -> None:
    meta = po.metadata
    if not meta:
        report.error("header", _("missing: this is not a file exported by Udsyn"))
        return
    _check_charset(meta, report)
    export_id = meta.get(header.EXPORT_ID, "")
    if not export_id:
        report.error(
            "header",
            _("has no %(name)s: this is not a file exported by Udsyn") % {"name": header.EXPORT_ID},
        )
    else:
        exported = header.read_export_id(export_id)
        if exported is None:
            report.error(
                "header",
                _("%(name)s %(value)r is unknown") % {"name": header.EXPORT_ID, "value": export_id},
            )
        elif exported["locale"] != code:
            report.error(
                "header",
                _("the export was made for %(made)r, not %(code)r")
                % {"made": exported["locale"], "code": code},
            )
    locale = meta.get(header.LOCALE, "")
    if locale != code:
        report.error(
            "header",
            _("%(name)s is %(value)r; the chosen language is %(code)r")
            % {"name": header.LOCALE, "value": locale, "code": code}
            if locale
            else _("has no %(name)s") % {"name": header.LOCALE},
        )
    _check_language(
        meta, code, report, _("Language is %(value)r; the chosen language is %(code)r"), True
    )


def _check_language(
    meta: dict, code: str, report: Report, mismatch: str, plural_forms_required: bool
) -> None:
    """``Language`` and ``Plural-Forms``, where present, must fit ``code``; ``mismatch`` is the
    message for another language (with ``value`` and ``code``)."""
    language = meta.get("Language", "")
    if language and not _same_language(language, code):
        report.error("header", mismatch % {"value": language, "code": code})
    forms = meta.get("Plural-Forms", "")
    if forms:
        problem = header.plural_forms_problem(code, forms)
    else:
        problem = _("has no Plural-Forms") if plural_forms_required else None
    if problem:
        report.error("header", problem)


def _check_charset(meta: dict, report: Report) -> None:
    charset = _CHARSET.search(meta.get("Content-Type", ""))
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        report.error(
            "header",
            _("declares charset %(charset)s; only UTF-8 is accepted")
            % {"charset": charset.group(1)},
        )


def _same_language(language: str, code: str) -> bool:
    """Translation tools write "de_DE" or "zh_Hans" for "de" and "zh-hans"."""
    value = language.strip().lower().replace("_", "-")
    return value == code or value.startswith(f"{code}-")


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: list[tuple[str, str]] = []  # (tag, attribute) other than a link's id
        self.link_ids: Counter = Counter()
        self.unbalanced: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            if tag == "a" and name == "id":
                self.link_ids[value or ""] += 1
            else:
                self.attributes.append((tag, name))
        if tag not in VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._open and self._open[-1] == tag:
            self._open.pop()
        else:
            self.unbalanced.append(f"</{tag}>")

    def done(self) -> "_Markup":
        self.close()
        self.unbalanced.extend(f"<{tag}> not closed" for tag in self._open)
        return self


def markup(text: str) -> _Markup:
    parser = _Markup()
    parser.feed(text)
    return parser.done()


def text_problems(msgid: str, msgstr: str) -> list[str]:
    """What is wrong with ``msgstr`` as a translation of ``msgid`` ([] when nothing)."""
    problems = []
    source, target = markup(msgid), markup(msgstr)
    allowed = ", ".join(f"<{tag}>" for tag in sorted(ALLOWED_INLINE))
    for tag in sorted(set(target.tags) - ALLOWED_INLINE):
        problems.append(
            _("<%(tag)s> is not allowed (allowed: %(allowed)s)") % {"tag": tag, "allowed": allowed}
        )
    for tag in sorted((set(target.tags) & ALLOWED_INLINE) - set(source.tags)):
        problems.append(_("<%(tag)s> is not in the source text") % {"tag": tag})
    for tag, attribute in sorted(set(target.attributes)):
        problems.append(
            _('<%(tag)s %(attribute)s="…">: only a link\'s id attribute is allowed')
            % {"tag": tag, "attribute": attribute}
        )
    for link in sorted(set(target.link_ids) - set(source.link_ids)):
        problems.append(_('link id "%(id)s" is not in the source text') % {"id": link})
    for link in sorted(set(source.link_ids) - set(target.link_ids)):
        problems.append(_('link <a id="%(id)s"> of the source text is missing') % {"id": link})
    if target.unbalanced:
        problems.append(_("unbalanced HTML: %(tags)s") % {"tags": ", ".join(target.unbalanced)})
    wanted, found = Counter(PLACEHOLDER.findall(msgid)), Counter(PLACEHOLDER.findall(msgstr))
    for placeholder in sorted(wanted - found):
        problems.append(
            _("placeholder %(placeholder)s of the source text is missing")
            % {"placeholder": placeholder}
        )
    for placeholder in sorted(found - wanted):
        problems.append(
            _("placeholder %(placeholder)s is not in the source text")
            % {"placeholder": placeholder}
        )
    return problems


PAGE_TRANSLATION_ID = "X-WagtailLocalize-TranslationID"


def check_page_header(po: polib.POFile, translation, report: Report) -> None:
    """The header of wagtail-localize's per-page PO file for ``translation``."""
    code = translation.target_locale.language_code
    meta = po.metadata
    if not meta:
        report.error("header", _("missing: this is not a PO file downloaded for this page"))
        return
    _check_charset(meta, report)
    found = meta.get(PAGE_TRANSLATION_ID, "")
    if not found:
        report.error(
            "header",
            _("has no %(name)s: not downloaded for this page") % {"name": PAGE_TRANSLATION_ID},
        )
    elif found != str(translation.uuid):
        report.error(
            "header",
            _("%(name)s %(found)s is another translation's (this is %(this)s)")
            % {"name": PAGE_TRANSLATION_ID, "found": found, "this": translation.uuid},
        )
    # wagtail-localize writes neither; a translation tool may add them, and then they must fit.
    _check_language(
        meta, code, report, _("Language is %(value)r; this translation is into %(code)r"), False
    )
