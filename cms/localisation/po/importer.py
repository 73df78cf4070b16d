"""Import a bulk PO file: validate every entry first, then write in one transaction.

See the package docstring for what rejects an upload and what is only reported."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import polib
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from . import validate
from .report import Report, entry_name

TOOL_NAME = "PO file"
_MSGCTXT = re.compile(r"^(?P<uuid>[0-9a-fA-F-]{32,36}):(?P<path>.*)$", re.DOTALL)


@dataclass
class Change:
    """One StringTranslation to create or update."""

    string_id: int
    context_id: int
    locale_id: int
    data: str
    existing: StringTranslation | None


class _Sources:
    """The current segments of each translation named in a file, fetched once each."""

    def __init__(self) -> None:
        self._translations: dict[str, Translation | None] = {}
        self._segments: dict[int, dict[tuple[str, str], tuple[int, int]]] = {}
        self._paths: dict[int, set[str]] = {}

    def translation(self, key: str) -> Translation | None:
        if key not in self._translations:
            try:
                value = uuid.UUID(key)
            except ValueError:
                self._translations[key] = None
            else:
                self._translations[key] = (
                    Translation.objects.filter(uuid=value)
                    .select_related("target_locale", "source")
                    .first()
                )
        return self._translations[key]

    def segment(self, translation: Translation, path: str, msgid: str):
        """(string id, context id) of the segment at ``path`` with source text ``msgid``;
        None when it is not there (any more). Also whether the path still exists."""
        if translation.source_id not in self._segments:
            rows = StringSegment.objects.filter(source_id=translation.source_id).values_list(
                "context__path", "string__data", "string_id", "context_id"
            )
            self._segments[translation.source_id] = {
                (path_, data): (string_id, context_id)
                for path_, data, string_id, context_id in rows
            }
            self._paths[translation.source_id] = {path_ for path_, *_ in rows}
        found = self._segments[translation.source_id].get((path, msgid))
        return found, path in self._paths[translation.source_id]


Resolver = Callable[[polib.POEntry, str, Report], tuple[Translation, str] | None]


def import_po(data: bytes, code: str, user=None, dry_run: bool = False) -> Report:
    """Validate ``data`` as a bulk PO file for locale ``code`` and, unless it is rejected or
    this is a dry run, write its translations. The report says what happened either way."""
    report = Report(code, dry_run=dry_run)
    po = validate.read(data, report)
    if po is None:
        return report
    validate.check_header(po, code, report)
    sources = _Sources()

    def resolve(entry, where, report):
        match = _MSGCTXT.match(entry.msgctxt or "")
        if not match:
            report.error(where, _('msgctxt is not "<translation id>:<segment path>"'))
            return None
        translation = sources.translation(match["uuid"])
        if translation is None:
            report.error(where, _("unknown translation id %(id)s") % {"id": match["uuid"]})
            return None
        if translation.target_locale.language_code != code:
            report.error(
                where,
                _("belongs to the %(locale)r translation of %(page)r, not to %(code)r")
                % {
                    "locale": translation.target_locale.language_code,
                    "page": translation.source.object_repr,
                    "code": code,
                },
            )
            return None
        return translation, match["path"]

    return _run(po, code, report, sources, resolve, user)


def import_page_po(data: bytes, translation: Translation, user=None) -> Report:
    """The same checks for wagtail-localize's own per-page PO file: its header names the
    translation (``X-WagtailLocalize-TranslationID``) and each ``msgctxt`` is a segment path."""
    code = translation.target_locale.language_code
    report = Report(code)
    po = validate.read(data, report)
    if po is None:
        return report
    validate.check_page_header(po, translation, report)
    sources = _Sources()
    return _run(po, code, report, sources, lambda entry, *_: (translation, entry.msgctxt), user)


def _run(po, code, report, sources, resolve: Resolver, user) -> Report:
    try:
        with transaction.atomic():
            changes = plan(po, code, report, sources, resolve)
            if report.rejected or report.dry_run:
                return _not_written(report)
            apply(changes, user)
    except IntegrityError:
        # Someone saved one of these strings between the checks and the writes (the editor, or
        # a second upload): the transaction is rolled back as a whole.
        report.error(
            "file",
            _("these strings changed while the file was imported; nothing was imported, try again"),
        )
        return _not_written(report)
    report.written = True
    return report


def _not_written(report: Report) -> Report:
    if report.rejected:
        report.counts["imported"] = 0  # nothing is, whatever the valid entries would do
    return report


def plan(po: polib.POFile, code: str, report: Report, sources, resolve: Resolver) -> list[Change]:
    """Check every entry; the changes a valid file makes. Counts as if they were written."""
    resolved = []
    seen: dict[tuple[str, str], str] = {}
    for entry in po:
        where = entry_name(entry)
        key = (entry.msgctxt or "", entry.msgid)
        if not entry.obsolete and key in seen:
            if seen[key] != entry.msgstr:
                report.error(where, _("appears more than once, with different translations"))
            continue
        if not entry.obsolete:
            seen[key] = entry.msgstr
        if entry.obsolete:
            report.counts["skipped_obsolete"] += 1
            report.warn(where, _("obsolete entry (#~): ignored"))
            continue
        if "fuzzy" in entry.flags:
            report.counts["skipped_fuzzy"] += 1
            report.warn(where, _("marked fuzzy: skipped, not imported"))
            continue
        if entry.msgid_plural:
            report.error(where, _("plural entry: Udsyn exports none, so this is not from Udsyn"))
            continue
        target = resolve(entry, where, report)
        if target is not None:
            resolved.append((entry, where, *target))
    existing = _existing({translation.source_id for _, _, translation, _ in resolved}, code)
    changes: list[Change] = []
    for entry, where, translation, path in resolved:
        if not translation.enabled:
            report.counts["skipped_stopped"] += 1
            report.warn(where, _("the translation of this page was stopped: skipped"))
            continue
        found, path_exists = sources.segment(translation, path, entry.msgid)
        if found is None:
            report.counts["skipped_changed_source"] += 1
            report.warn(
                where,
                _("the source text changed since the export: skipped (export again)")
                if path_exists
                else _("this text is no longer on the page: skipped"),
            )
            continue
        if not entry.msgstr:
            report.counts["empty"] += 1
            continue
        problems = validate.text_problems(entry.msgid, entry.msgstr)
        for problem in problems:
            report.error(where, problem)
        if problems:
            continue
        current = existing.get(found)
        if current is not None and current.data == entry.msgstr:
            report.counts["unchanged"] += 1
            continue
        report.counts["imported"] += 1
        changes.append(Change(*found, translation.target_locale_id, entry.msgstr, current))
    return changes


def _existing(source_ids: set[int], code: str) -> dict[tuple[int, int], StringTranslation]:
    """The stored translations into ``code`` of the sources' strings, in one query."""
    if not source_ids:
        return {}
    rows = StringTranslation.objects.filter(
        locale__language_code=code,
        translation_of_id__in=StringSegment.objects.filter(source_id__in=source_ids).values(
            "string_id"
        ),
    )
    return {(row.translation_of_id, row.context_id): row for row in rows}


def apply(changes: list[Change], user) -> None:
    now = timezone.now()
    for change in changes:
        row = change.existing or StringTranslation(
            translation_of_id=change.string_id,
            context_id=change.context_id,
            locale_id=change.locale_id,
        )
        row.data = change.data
        row.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        row.tool_name = TOOL_NAME
        row.last_translated_by = user
        row.has_error = False
        row.field_error = ""
        row.updated_at = now
        row.save()
