"""One PO file for a target locale: the strings of every translation into it."""

from dataclasses import dataclass

import polib
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from . import header

OUTSTANDING, EVERYTHING = "outstanding", "all"


def msgctxt(translation: Translation, path: str) -> str:
    return f"{translation.uuid}:{path}"


def context_note(translation: Translation) -> str:
    """What an agency needs to place a string: the page's title and URL path."""
    try:
        instance = translation.source.get_source_instance()
    except ObjectDoesNotExist:  # a deleted source: its name is all there is
        return translation.source.object_repr
    if isinstance(instance, Page):
        return f"{instance.title} - {instance.url_path}"
    return f"{instance._meta.verbose_name}: {instance}"


@dataclass
class Export:
    po: polib.POFile
    export_id: str
    translations: int

    @property
    def entries(self) -> int:
        return len(self.po)

    def __bytes__(self) -> bytes:
        return str(self.po).encode("utf-8")


def translations_into(code: str):
    return (
        Translation.objects.filter(target_locale__language_code=code, enabled=True)
        .select_related("source", "target_locale")
        .order_by("source__object_repr", "id")
    )


def build(code: str, everything: bool = False) -> Export:
    """The PO file for locale ``code``: untranslated strings only, or all with ``everything``."""
    now = timezone.now().strftime("%Y-%m-%d %H:%M%z")
    export_id = header.new_export_id(code)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": header.PROJECT,
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Language": code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": header.plural_forms(code),
        "X-Generator": f"{header.PROJECT} bulk PO export",
        header.EXPORT_ID: export_id,
        header.LOCALE: code,
        header.SCOPE: EVERYTHING if everything else OUTSTANDING,
    }
    used = 0
    for translation in translations_into(code):
        entries = _entries(translation, everything)
        if entries:
            used += 1
            po.extend(entries)
    return Export(po, export_id, used)


def _entries(translation: Translation, everything: bool) -> list[polib.POEntry]:
    translations = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
    )
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("string", "context")
        .annotate(
            # As wagtail-localize counts progress: a translation with an error is not done.
            done=Exists(translations.filter(has_error=False)),
            existing=Subquery(translations.values("data")[:1]),
        )
        .order_by("order")
    )
    if not everything:
        segments = segments.filter(done=False)
    note = context_note(translation)
    entries, seen = [], set()
    for segment in segments:
        # Segments sharing a string and a context share one StringTranslation: one entry.
        key = (segment.string_id, segment.context_id)
        if key in seen:
            continue
        seen.add(key)
        entries.append(
            polib.POEntry(
                msgctxt=msgctxt(translation, segment.context.path),
                msgid=segment.string.data,
                msgstr=segment.existing or "",
                comment=note,
            )
        )
    return entries
