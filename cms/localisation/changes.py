"""What changed in a source page since a translation was last synced from it.

Each publish that changes a source page's translatable text keeps a snapshot of its string
segments (signals.record_source_change). A translation's baseline is the snapshot that was
current when it was last synced and published -- the same moment states.py measures
"outdated" from -- so several changes before the translator catches up add up, and a
translation that is up to date has nothing to show."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.models import Page
from wagtail_localize.models import String, StringSegment, StringTranslation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue
from wagtail_localize.strings import StringValue

from .models import SourceSnapshot

CHANGED, ADDED, REMOVED = "changed", "added", "removed"

Segments = list[tuple[str, str]]  # (path, string data) in page order


def segments_of(page: Page) -> Segments:
    """The string segments of a page, as wagtail-localize extracts them for translators."""
    return [
        (segment.path, segment.string.data)
        for segment in extract_segments(page.specific)
        if isinstance(segment, StringSegmentValue)
    ]


def is_source(page: Page) -> bool:
    """Whether translations are made from this page, rather than it being one of them."""
    return not (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .exists()
    )


def record_snapshot(page: Page, digest: str, taken_at: datetime) -> SourceSnapshot | None:
    """Keep the page's segments if its text differs from the last snapshot; None if not.

    ``taken_at`` is when this text was first published (SourceChange.changed_at), so a page
    published before snapshots existed gets an accurate first one on its next publish."""
    latest = SourceSnapshot.objects.filter(page_id=page.pk).order_by("-taken_at").first()
    if latest is not None and latest.fingerprint == digest:
        return None
    snapshot = SourceSnapshot.objects.create(
        page_id=page.pk, fingerprint=digest, segments=segments_of(page), taken_at=taken_at
    )
    _prune(page, snapshot)
    return snapshot


def _prune(page: Page, latest: SourceSnapshot) -> None:
    """Drop snapshots no translation can be compared with any more: those before the baseline
    of the translation that is furthest behind. Sync points only ever move forward."""
    tsource = translation_source(page)
    points = [synced_at(page, target, tsource) for target in translations_of(page)]
    keep: SourceSnapshot | None = latest
    if points:
        keep = (
            SourceSnapshot.objects.filter(page_id=page.pk, taken_at__lte=min(points))
            .order_by("-taken_at")
            .first()
        )
    if keep is None:
        return  # a translation synced before snapshots were kept: every later one may count
    SourceSnapshot.objects.filter(page_id=page.pk, taken_at__lt=keep.taken_at).delete()


def translations_of(source: Page) -> list[Page]:
    return list(
        Page.objects.filter(translation_key=source.translation_key)
        .exclude(locale_id=source.locale_id)
        .select_related("locale")
    )


def translation_source(source: Page) -> TranslationSource | None:
    return TranslationSource.objects.filter(
        object_id=source.translation_key, locale_id=source.locale_id
    ).first()


def synced_at(source: Page, target: Page, tsource: TranslationSource | None = None) -> datetime:
    """When the translation last took in the source text: its last sync, or its last publish
    if that came first -- what a reader of the translation sees (as in states.py)."""
    tsource = tsource or translation_source(source)
    updated = tsource.last_updated_at if tsource else timezone.now()
    return min(updated, target.last_published_at or updated)


@dataclass
class SegmentChange:
    kind: str  # CHANGED, ADDED or REMOVED
    path: str
    old: str | None = None  # string data, as wagtail-localize stores it
    new: str | None = None
    label: str = ""
    translation: str | None = None  # the translation of the old text, if there is one
    new_translation: str | None = None  # ...and of the new text, if already translated

    @property
    def old_text(self) -> str:
        return _text(self.old)

    @property
    def new_text(self) -> str:
        return _text(self.new)

    @property
    def translation_text(self) -> str:
        return _text(self.translation)

    @property
    def new_translation_text(self) -> str:
        return _text(self.new_translation)


def _text(data: str | None) -> str:
    return StringValue(data).render_text() if data else ""


def diff(old: Segments, new: Segments) -> list[SegmentChange]:
    """Segments changed, added and removed between two snapshots, path by path."""
    by_path_old: dict[str, list[str]] = defaultdict(list)
    by_path_new: dict[str, list[str]] = defaultdict(list)
    for path, data in old:
        by_path_old[path].append(data)
    for path, data in new:
        by_path_new[path].append(data)
    result: list[SegmentChange] = []
    for path in [*by_path_new, *(p for p in by_path_old if p not in by_path_new)]:
        a, b = by_path_old.get(path, []), by_path_new.get(path, [])
        matcher = SequenceMatcher(a=a, b=b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            olds, news = a[i1:i2], b[j1:j2]
            paired = min(len(olds), len(news))
            result += [SegmentChange(CHANGED, path, o, n) for o, n in zip(olds, news, strict=False)]
            result += [SegmentChange(REMOVED, path, old=o) for o in olds[paired:]]
            result += [SegmentChange(ADDED, path, new=n) for n in news[paired:]]
    return result


def baseline(source: Page, target: Page, tsource: TranslationSource | None) -> Segments:
    """The source text the translation was last synced from."""
    snapshot = (
        SourceSnapshot.objects.filter(
            page_id=source.pk, taken_at__lte=synced_at(source, target, tsource)
        )
        .order_by("-taken_at")
        .first()
    )
    if snapshot is not None:
        return [tuple(pair) for pair in snapshot.segments]
    # Synced before snapshots were kept: wagtail-localize's own record of the source, as of
    # its last sync, is the next best thing.
    if tsource is None:
        return []
    return list(
        StringSegment.objects.filter(source=tsource)
        .order_by("order")
        .values_list("context__path", "string__data")
    )


def current(source: Page) -> Segments:
    snapshot = SourceSnapshot.objects.filter(page_id=source.pk).order_by("-taken_at").first()
    if snapshot is not None:
        return [tuple(pair) for pair in snapshot.segments]
    return segments_of(source)


def changes_for(source: Page, target: Page, tsource: TranslationSource | None = None):
    """The bare list of changes (no translations looked up): for counts."""
    tsource = tsource or translation_source(source)
    return diff(baseline(source, target, tsource), current(source))


def counts(items: list[SegmentChange]) -> dict[str, int]:
    found = {CHANGED: 0, ADDED: 0, REMOVED: 0}
    for item in items:
        found[item.kind] += 1
    return found


def report(source: Page, target: Page) -> list[SegmentChange]:
    """The changes with where they sit and what the translation says, for the admin view."""
    tsource = translation_source(source)
    items = changes_for(source, target, tsource)
    _add_translations(source, target, items)
    labels = _labeller(source)
    for item in items:
        item.label = labels(item.path)
    return items


def _add_translations(source: Page, target: Page, items: list[SegmentChange]) -> None:
    """One query for the translations of every old and new text in the list."""
    wanted = {d for item in items for d in (item.old, item.new) if d}
    if not wanted:
        return
    hashes = {String._get_data_hash(data): data for data in wanted}
    found = {
        (path, str(data_hash)): data
        for path, data_hash, data in StringTranslation.objects.filter(
            locale_id=target.locale_id,
            translation_of__locale_id=source.locale_id,
            translation_of__data_hash__in=list(hashes),
            context__object_id=source.translation_key,
            context__path__in={item.path for item in items},
        ).values_list("context__path", F("translation_of__data_hash"), "data")
    }

    def lookup(path: str, data: str | None) -> str | None:
        if not data:
            return None
        return found.get((path, str(String._get_data_hash(data))))

    for item in items:
        item.translation = lookup(item.path, item.old)
        item.new_translation = lookup(item.path, item.new)


def _labeller(source: Page):
    """Where a segment sits, in words: the field's name and, in a stream, the block's."""
    page = source.specific
    blocks: dict[str, str] = {}
    for field in page._meta.get_fields():
        value = getattr(page, field.name, None) if hasattr(field, "stream_block") else None
        for block in value or []:
            blocks[block.id] = str(block.block.label or block.block_type)

    def label(path: str) -> str:
        name, _, rest = path.partition(".")
        try:
            words = str(capfirst(page._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:  # a path that is not a field of this model (an inline)
            words = name
        block = blocks.get(rest.split(".")[0]) if rest else None
        return f"{words}: {block}" if block else words

    return label
