"""Translation states: one implementation for the API, the dashboard and the build.

For a page in a language other than its source's:
- ``outdated``: the source's translatable text changed after this translation was last synced
  and published, so the live translation says something the source no longer says;
- ``partial``: some segments have no translation (wagtail-localize would publish the source
  language text in their place);
- ``current``: complete and up to date.
The page the translations are made from is ``source``. A language with no version is ``missing``.

A published translation may also carry unconfirmed machine translation, or source-language
text an approver explicitly chose to publish: facts recorded when it was published
(cms/review/flags.py), so that they describe what readers see.

``states_for`` answers for any number of pages with a constant number of queries."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import NamedTuple

from django.db.models import Count, F, Q
from wagtail.models import Page
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

SOURCE, CURRENT, OUTDATED, PARTIAL, MISSING = "source", "current", "outdated", "partial", "missing"


@dataclass(frozen=True)
class TranslationState:
    source_locale: str
    state: str
    translated: int | None = None
    total: int | None = None
    source_changed_at: datetime | None = None
    translation_changed_at: datetime | None = None
    machine_unconfirmed: int = 0
    untranslated_published: int = 0
    untranslated_role: str = ""
    untranslated_at: datetime | None = None

    def as_api(self) -> dict:
        return {
            "source_locale": self.source_locale,
            "state": self.state,
            "progress": None
            if self.total is None
            else {"translated": self.translated, "total": self.total},
            "source_last_changed_at": _iso(self.source_changed_at),
            "translation_last_changed_at": _iso(self.translation_changed_at),
            "machine_translated": {"unconfirmed": self.machine_unconfirmed}
            if self.machine_unconfirmed
            else None,
            "untranslated_published": {
                "segments": self.untranslated_published,
                "approved_by_role": self.untranslated_role,
                "at": _iso(self.untranslated_at),
            }
            if self.untranslated_published
            else None,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def fingerprint(page) -> str:
    """A hash of the text translators see: every string segment and where it sits."""
    parts = sorted(
        f"{segment.path}\x1f{segment.string.data}"
        for segment in extract_segments(page.specific)
        if isinstance(segment, StringSegmentValue)
    )
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


class PageFacts(NamedTuple):
    """What states_for needs to know of a page."""

    id: int
    translation_key: str
    locale: str
    last_published_at: datetime | None


def facts_of(pages: Iterable[Page]) -> list[PageFacts]:
    return [
        PageFacts(p.id, str(p.translation_key), p.locale.language_code, p.last_published_at)
        for p in pages
    ]


def states_for(facts: list[PageFacts]) -> dict[int, TranslationState]:
    """The state of each page, by id. Five queries, whatever the number of pages; rows, not
    model instances, because an API listing asks this for hundreds of pages at a time."""
    from cms.review.models import PublishedFlags

    from .models import SourceChange

    keys = {f.translation_key for f in facts}
    sources = {
        str(row["object_id"]): SimpleNamespace(**row)
        for row in TranslationSource.objects.filter(object_id__in=keys).values(
            "id", "object_id", "locale_id", "last_updated_at", code=F("locale__language_code")
        )
    }
    source_ids = [source.id for source in sources.values()]
    # Segment totals and per-locale translated counts for those sources, in two queries.
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids)
        .values_list("source_id")
        .annotate(n=Count("id"))
    )
    translated: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .filter(Q(string__translations__context_id=F("context_id")))
        .values_list("source_id", "string__translations__locale__language_code")
        .annotate(n=Count("id", distinct=True))
    )
    for source_id, code, n in rows:
        translated[(source_id, code)] = n
    # When each source page's text last changed (recorded on publish, see signals).
    changes = {
        str(key): changed_at
        for key, locale_id, changed_at in SourceChange.objects.filter(
            translation_key__in=keys
        ).values_list("translation_key", "page__locale_id", "changed_at")
        if str(key) in sources and sources[str(key)].locale_id == locale_id
    }
    # What each published translation carries that no person confirmed (recorded on publish).
    flags = {
        row[0]: row[1:]
        for row in PublishedFlags.objects.filter(page_id__in=[f.id for f in facts]).values_list(
            "page_id",
            "machine_unconfirmed",
            "untranslated_segments",
            "untranslated_role",
            "untranslated_at",
        )
    }

    result: dict[int, TranslationState] = {}
    for f in facts:
        source = sources.get(f.translation_key)
        if source is None or source.code == f.locale:
            changed = changes.get(f.translation_key) or f.last_published_at
            result[f.id] = TranslationState(f.locale, SOURCE, source_changed_at=changed)
            continue
        source_changed = changes.get(f.translation_key)
        total = totals.get(source.id, 0)
        done = min(translated.get((source.id, f.locale), 0), total)
        synced_and_published = min(
            source.last_updated_at, f.last_published_at or source.last_updated_at
        )
        if source_changed and source_changed > synced_and_published:
            state = OUTDATED
        elif done < total:
            state = PARTIAL
        else:
            state = CURRENT
        result[f.id] = TranslationState(
            source.code,
            state,
            done,
            total,
            source_changed,
            f.last_published_at,
            *flags.get(f.id, ()),
        )
    return result
