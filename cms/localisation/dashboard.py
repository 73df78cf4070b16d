"""The translation status matrix: every source page against every language it should be in.

Built from the same states as the public API (states.py), so editors, translators and readers
see one truth. A constant number of queries, whatever the number of pages."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.languages import LANGUAGES, SOURCE

from .states import MISSING, OUTDATED, PageFacts, TranslationState, states_for
from .states import SOURCE as SOURCE_STATE

NOT_APPLICABLE = "n/a"  # a welcome-only language and a page other than the home page


@dataclass
class Cell:
    state: str
    percent: int | None = None
    action: str = ""  # what fixes it, as words for the link
    url: str = ""
    changes_url: str = ""  # for an outdated translation: what changed in the source


@dataclass
class Row:
    page: Page
    section: str
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Matrix:
    languages: list[str]
    rows: list[Row]
    counts: dict[str, Counter]


def _section(page: Page) -> str:
    parts = [p for p in page.url_path.split("/") if p]
    return parts[1] if len(parts) > 1 else ""


def _languages() -> list[str]:
    return [lang.code for lang in LANGUAGES if lang.code != SOURCE]


SCOPE = {lang.code: lang.scope for lang in LANGUAGES}


def _state(
    code: str, source_depth: int, target_id: int | None, states: dict[int, TranslationState]
) -> str:
    """The state of one cell; the matrix and the translators' summary both count these."""
    if SCOPE[code] == "welcome" and source_depth != 2:
        return NOT_APPLICABLE
    if target_id is None:
        return MISSING
    found = states.get(target_id)
    return found.state if found else SOURCE_STATE


def changes_url(source_id: int, code: str) -> str:
    return reverse("udsyn_translation_changes", args=[source_id, code])


def build(
    locale: str | None = None, section: str | None = None, state: str | None = None
) -> Matrix:
    languages = _languages()
    pages = list(Page.objects.filter(depth__gt=1).select_related("locale").order_by("path"))
    sources = [p for p in pages if p.locale.language_code == SOURCE]
    versions: dict[str, dict[str, Page]] = defaultdict(dict)
    for page in pages:
        versions[str(page.translation_key)][page.locale.language_code] = page
    targets = [p for p in pages if p.locale.language_code != SOURCE]
    states = states_for(
        [
            PageFacts(p.id, str(p.translation_key), p.locale.language_code, p.last_published_at)
            for p in targets
        ]
    )
    source_ids = dict(
        TranslationSource.objects.filter(
            object_id__in=[p.translation_key for p in sources], locale__language_code=SOURCE
        ).values_list("object_id", "id")
    )
    rows, counts = [], {code: Counter() for code in languages}
    for source in sources:
        row = Row(source, _section(source))
        for code in languages:
            target = versions[str(source.translation_key)].get(code)
            cell_state = _state(code, source.depth, target and target.id, states)
            if cell_state == NOT_APPLICABLE:
                row.cells[code] = Cell(NOT_APPLICABLE)
            elif target is None:
                row.cells[code] = Cell(
                    MISSING,
                    action="Start translation",
                    url=reverse("wagtail_localize:submit_page_translation", args=[source.id]),
                )
            else:
                found = states.get(target.id)
                cell = Cell(cell_state)
                if found and found.total:
                    cell.percent = round(100 * found.translated / found.total)
                if cell.state == OUTDATED:
                    cell.changes_url = changes_url(source.id, code)
                if cell.state == OUTDATED and source.translation_key in source_ids:
                    cell.action = "Update from source"
                    cell.url = reverse(
                        "wagtail_localize:update_translations",
                        args=[source_ids[source.translation_key]],
                    )
                else:
                    cell.action = "Open the translation"
                    cell.url = reverse("wagtailadmin_pages:edit", args=[target.id])
                row.cells[code] = cell
            counts[code][row.cells[code].state] += 1
        rows.append(row)
    if section:
        rows = [row for row in rows if row.section == section]
    shown = [locale] if locale in languages else languages
    if state:
        rows = [row for row in rows if any(row.cells[c].state == state for c in shown)]
    return Matrix(shown, rows, {code: counts[code] for code in shown})


def sections() -> list[tuple[str, str]]:
    """(path segment, title) of the Danish tree's top-level pages, for the section filter."""
    return [
        (_section(page), page.title)
        for page in Page.objects.filter(depth=3, locale__language_code=SOURCE).order_by("path")
    ]


@dataclass
class OutdatedPage:
    title: str
    code: str
    changes_url: str


@dataclass
class Summary:
    counts: dict[str, Counter]
    outdated: list[OutdatedPage]


def summary(codes: list[str]) -> Summary:
    """The matrix's counts for a few languages, and their outdated pages, for a translator's
    admin home: rows rather than pages, and only those languages' translations. Six queries."""
    codes = [code for code in _languages() if code in codes]
    sources = (
        Page.objects.filter(depth__gt=1, locale__language_code=SOURCE)
        .order_by("path")
        .values_list("id", "translation_key", "depth", "title")
    )
    targets = Page.objects.filter(depth__gt=1, locale__language_code__in=codes).values_list(
        "id", "translation_key", "locale__language_code", "last_published_at"
    )
    facts = [PageFacts(i, str(key), code, published) for i, key, code, published in targets]
    versions = {(f.translation_key, f.locale): f.id for f in facts}
    states = states_for(facts) if facts else {}
    counts = {code: Counter() for code in codes}
    outdated = []
    for source_id, key, depth, title in sources:
        for code in codes:
            cell_state = _state(code, depth, versions.get((str(key), code)), states)
            counts[code][cell_state] += 1
            if cell_state == OUTDATED:
                outdated.append(OutdatedPage(title, code, changes_url(source_id, code)))
    return Summary(counts, outdated)
