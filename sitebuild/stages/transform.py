"""Stage 2, transform: pure functions from the API's data to pages ready to render.

Every piece of HTML from the CMS is sanitised here against an allow-list, even though the CMS
restricts rich text already: the site must not trust its input. Sanitised HTML is wrapped in
``Markup`` so templates (autoescaped) never need ``|safe``. Every URL a page renders passes
the one URL rule (contract/urls.py) in ``public_url`` or, in rich text, in the sanitiser's
attribute filter; what fails it is dropped with a warning naming the page and the field."""

import hashlib
import html
import marshal
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any

import nh3
from markupsafe import Markup

from contract import urls
from contract.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_ATTRIBUTES
from contract.pages import PAGE_TEMPLATES, RICH_TEXT_FIELDS

from ..errors import TransformError
from ..model import Link, Locale, RawSite, Site, SitePage
from ..paths import file_of, item_url, parent_url
from . import reuse

# URL attributes as written in the API's HTML, to say which ones the sanitiser drops: nh3
# drops a scheme outside its list without calling the attribute filter. Only for warnings:
# what is kept is nh3's (and the rule's) decision on the parsed HTML.
WRITTEN_URL = re.compile(
    r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)


def public_url(value: str | None, where: str, warnings: list[str]) -> str | None:
    """``value`` as a browser reads it if it passes the URL rule; else None, and a warning
    saying where it was and why it went."""
    if not value:
        return None
    found = urls.problem(value)
    if found is None:
        return urls.as_browser_reads(value)
    warnings.append(f"{where}: {value[:120]!r} left out: {found.message}")
    return None


def _kept_url(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: the URL rule decides, not nh3's scheme list alone."""
    if name in URL_ATTRIBUTES and urls.problem(value) is not None:
        return None
    return value


def sanitise(
    html: str | None, where: str = "rich text", warnings: list[str] | None = None
) -> Markup:
    """Rich text against the allow-list. A URL that fails the URL rule is dropped (the link
    keeps its text); with ``warnings``, each is named there with ``where``."""
    html = html or ""
    if warnings is not None:
        for match in WRITTEN_URL.finditer(html):
            public_url(next(filter(None, match.groups()), ""), where, warnings)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_kept_url,
        # nh3 checks schemes first; given the rule's own list it can only agree with it.
        url_schemes=set(urls.ALLOWED_SCHEMES),
        link_rel="noopener",
    )
    return Markup(cleaned)  # noqa: S704 - nh3 output against the allow-list above


PAGE_LINK = re.compile(r'<a data-page-id="(\d+)" data-locale="[^"]*">')


def resolve_page_links(html: str, target, missing: list[int], lang: str = "") -> str:
    """The API's page links (id and locale) become static URLs. ``target(pid)`` gives the Link
    to use, or None; a link to a page the site does not have keeps its text, loses its href.
    A target in another language says so with hreflang and lang."""

    def link(match: re.Match) -> str:
        found = target(int(match.group(1)))
        if found is None:
            missing.append(int(match.group(1)))
            return "<a>"
        if found.lang == lang:
            return f'<a href="{found.url}">'
        return (
            f'<a href="{found.url}" hreflang="{found.lang}" lang="{found.lang}" dir="{found.dir}">'
        )

    return PAGE_LINK.sub(link, html or "")


TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str, limit: int) -> str:
    """The text of some HTML, on one line, cut at a word before ``limit`` characters."""
    text = " ".join(html.unescape(TAG.sub(" ", markup)).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def summary_of(page: dict[str, Any], limit: int = 220) -> str:
    """A page's summary, or the plain text of its introduction, for lists of pages."""
    summary = page.get("summary")
    if summary:
        return plain_text(html.escape(summary), limit)
    return plain_text(page.get("intro") or "", limit)


def _index(raw: RawSite, warnings: list[str]) -> tuple[dict[int, dict], dict[str, Locale]]:
    locales = {locale.code: locale for locale in raw.locales}
    pages: dict[int, dict] = {}
    for item in raw.pages:
        translation = item["meta"].get("translation") or {}
        if translation.get("state") == "partial" and not translation.get("untranslated_published"):
            # Untranslated segments would show source-language text as if it were a
            # translation: readers get the versions that exist instead. Only an approver's
            # explicit choice publishes one, and then the page says so (base.html).
            warnings.append(
                f"page {item['id']} ({item['meta']['locale']}, {item['title']!r}) "
                "is a partial translation: not published on the site"
            )
            continue
        lang = item["meta"]["locale"]
        if lang not in locales:
            raise TransformError(f"page {item['id']} is in unknown locale {lang!r}")
        if item["meta"]["type"] not in PAGE_TEMPLATES:
            raise TransformError(f"page {item['id']} has unknown type {item['meta']['type']}")
        pages[item["id"]] = item
    return pages, locales


def _contact(value: dict[str, Any], where: str, warnings: list[str]) -> dict[str, Any]:
    """The contact with the links its template uses: ``mailto_href`` and ``tel_href``, None
    when the address or number is not a plain one (then it is shown as text)."""
    email, phone = value.get("email") or "", value.get("phone") or ""
    mailto, tel = urls.mailto_href(email), urls.tel_href(phone)
    if email and mailto is None:
        warnings.append(f"{where}: e-mail {email[:120]!r} is not one plain address: no link")
    if phone and tel is None:
        warnings.append(f"{where}: phone {phone[:120]!r} is not a plain number: no link")
    return {
        **value,
        "mailto_href": public_url(mailto, f"{where}: e-mail", warnings),
        "tel_href": public_url(tel, f"{where}: phone", warnings),
    }


def _block(block: dict[str, Any], rich, resolve, warnings: list[str], where: str) -> dict:
    kind, value = block["type"], block["value"]
    where = f"{where}: body {kind} block"
    if kind == "paragraph":
        value = rich(value, where)
    elif kind == "steps":
        steps = [{**s, "text": rich(s.get("text"), f"{where} step")} for s in value["steps"]]
        value = {**value, "steps": steps}
    elif kind == "notice":
        value = {**value, "text": rich(value["text"], where)}
    elif kind == "links":
        links = []
        for link in value["links"]:
            if link.get("page"):
                found = resolve(link["page"]["id"])
                if found is None:
                    warnings.append(
                        f"{where}: link to unpublished page {link['page']['id']} left out"
                    )
                    continue
                links.append(
                    {
                        "text": link["text"],
                        "url": found.url,
                        "lang": found.lang,
                        "dir": found.dir,
                        "external": False,
                    }
                )
            elif url := public_url(link.get("url"), f"{where}: link {link['text']!r}", warnings):
                links.append({"text": link["text"], "url": url, "external": True})
        value = {**value, "links": links}
    elif kind == "contact" and not value:
        warnings.append(f"{where}: empty contact block left out")
        return {}
    elif kind == "contact":
        value = _contact(value, f"{where} ({value.get('name', '')!r})", warnings)
    return {"type": kind, "value": value, "id": block.get("id", "")}


def _fields(page: dict, lang: str, target, warnings: list[str], url: str) -> dict[str, Any]:
    """A page's own fields, with rich text resolved and sanitised."""
    missing: list[int] = []

    def rich(html: str | None, where: str) -> Markup:
        return sanitise(resolve_page_links(html or "", target, missing, lang), where, warnings)

    fields: dict[str, Any] = {}
    for name, value in page.items():
        if name in ("id", "meta", "title"):
            continue
        if name in RICH_TEXT_FIELDS:
            value = rich(value, f"{url}: {name}")
        elif name == "body":
            blocks = (_block(b, rich, target, warnings, url) for b in value or [])
            value = [b for b in blocks if b]
        fields[name] = value
    warnings += [f"{url}: link to unpublished page {m} kept as text" for m in missing]
    return fields


@dataclass
class Transformed:
    """What is known about a page's transformed fields while its API item and the link
    targets they resolved are unchanged (see ``transform``'s ``cache``)."""

    item: str  # digest of the API item
    targets: list[tuple[int, tuple[str, str, str] | None]]  # page id -> (url, lang, dir)
    warnings: list[str]
    digest: str  # of item and targets: stands for the fields in the page's render input


def item_digest(item: dict[str, Any], memo: dict[int, tuple[dict, str]] | None = None) -> str:
    """``memo``: digests by ``id(item)``, for a caller that keeps the same item objects from
    build to build (the build server): only new or changed items are hashed again. Each
    entry holds its item, so the id cannot be reused by another object while it is there."""
    if memo is not None:
        known = memo.get(id(item))
        if known is not None and known[0] is item:
            return known[1]
    # marshal: the fastest serialisation of JSON-shaped data. Version 0, because later ones
    # mark shared and interned objects, so equal items could serialise differently.
    digest = hashlib.blake2b(marshal.dumps(item, 0), digest_size=20).hexdigest()
    if memo is not None:
        memo[id(item)] = (item, digest)
    return digest


def _target_key(found: Link | None) -> tuple[str, str, str] | None:
    return None if found is None else (found.url, found.lang, found.dir)


def _cached_fields(page, lang, target, warnings, url, cache, kept, digests=None):
    """``_fields``, or, if ``cache`` shows them unchanged, a function that makes them: most
    pages of an incremental build are not rendered, and sanitising every page's HTML again
    was most of its transform time. An entry is reused only if the item's digest matches and
    every link target it resolved resolves the same way now. Returns the entry and the fields
    or the function."""
    key = item_digest(page, digests)
    entry = cache.get(page["id"])
    if (
        entry is not None
        and entry.item == key
        and all(_target_key(target(pid)) == found for pid, found in entry.targets)
    ):
        warnings += entry.warnings
        kept[page["id"]] = entry
        return entry, partial(_fields, page, lang, target, [], url)
    targets: list[tuple[int, tuple[str, str, str] | None]] = []

    def recording(pid: int) -> Link | None:
        found = target(pid)
        targets.append((pid, _target_key(found)))
        return found

    own: list[str] = []
    fields = _fields(page, lang, recording, own, url)
    digest = hashlib.blake2b(repr((key, targets)).encode(), digest_size=20).hexdigest()
    entry = kept[page["id"]] = Transformed(key, targets, own, digest)
    warnings += own
    return entry, fields


def transform(
    raw: RawSite,
    cache: dict[int, Transformed] | None = None,
    digests: dict[int, tuple[dict, str]] | None = None,
    previous: Site | None = None,
) -> Site:
    """``cache``: the ``Site.cache`` of an earlier run of the same code, to reuse its pages'
    transformed fields (incremental builds). ``digests``: see ``item_digest``; the caller
    keeps it between runs and prunes it. ``previous``: the Site that run returned, kept in
    memory by the build server; its pages that nothing changed for are reused as they are
    (see reuse.py), so that a one-page change does not make 8,000 pages again."""
    cache = cache or {}
    kept: dict[int, Transformed] = {}
    warnings: list[str] = []
    pages, locales = _index(raw, warnings)
    reused = reuse.unaffected(previous, pages, list(locales.values())) if previous else {}
    url_of = {pid: item_url(item) for pid, item in pages.items()}
    by_url = {url: pid for pid, url in url_of.items()}
    versions: dict[str, list[int]] = defaultdict(list)
    # Direct children's ids by parent URL; their links are made when a page shows them.
    child_ids: dict[str, list[int]] = defaultdict(list)
    for pid, page in pages.items():
        versions[page["meta"]["translation_key"]].append(pid)
        parent = parent_url(url_of[pid])
        if parent:
            child_ids[parent].append(pid)

    order = {code: n for n, code in enumerate(locales)}

    plain_links: dict[int, Link] = {}

    def link(pid: int, with_summary: bool = False) -> Link:
        # Summaries only where pages are listed: a new summary then re-renders the lists,
        # not every page that merely links there.
        if not with_summary and pid in plain_links:
            return plain_links[pid]
        page = pages[pid]
        lang = page["meta"]["locale"]
        found = Link(
            lang=lang,
            url=url_of[pid],
            title=page["title"],
            name=locales[lang].name,
            dir=locales[lang].direction,
            summary=summary_of(page) if with_summary else "",
        )
        if not with_summary:
            plain_links[pid] = found
        return found

    def localised(pid: int, lang: str) -> Link | None:
        """A link to page ``pid`` for a reader of ``lang``: its version in that language when
        there is one (wagtail-localize keeps the source page's id in translated links)."""
        if pid not in pages:
            return None
        for version in versions[pages[pid]["meta"]["translation_key"]]:
            if pages[version]["meta"]["locale"] == lang:
                return link(version)
        return link(pid)

    # Lists many pages show, made once each when first needed and shared by those pages
    # (digests and the sitemap reuse them): a translation's versions, a page's children.
    alternates_of: dict[str, list[Link]] = {}
    children_of: dict[str, list[Link]] = {}

    def alternates(key: str) -> list[Link]:
        if key not in alternates_of:
            links = (link(v) for v in versions[key])
            alternates_of[key] = sorted(links, key=lambda alt: order[alt.lang])
        return alternates_of[key]

    def children(url: str) -> list[Link]:
        """Direct children, in the editors' menu order (the tree position)."""
        if url not in children_of:
            ids = sorted(
                child_ids.get(url, ()), key=lambda c: (pages[c]["meta"].get("position", ""), c)
            )
            children_of[url] = [link(c, with_summary=True) for c in ids]
        return children_of[url]

    # Breadcrumbs by parent URL: one list shared by the pages below it (see trail).
    trails: dict[str, list[Link]] = {}

    def trail(url: str) -> list[Link]:
        """Links to ``url`` and to the pages above it, from the top, where they exist: the
        breadcrumbs of every page right below ``url``."""
        found = trails.get(url)
        if found is None:
            parent = parent_url(url)
            above = trail(parent) if parent else []
            here = by_url.get(url)
            found = trails[url] = above if here is None else [*above, link(here)]
        return found

    # The version a translation was made from, per translation and source language.
    sources: dict[tuple[str, str | None], Link | None] = {}

    result: list[SitePage] = []
    for pid in sorted(pages):
        page = pages[pid]
        meta, lang = page["meta"], page["meta"]["locale"]
        url = url_of[pid]
        target = partial(localised, lang=lang)
        kept_page = reused.get(pid)
        if kept_page is not None:
            entry = kept[pid] = previous.cache[pid]
            warnings += entry.warnings
            # Its fields are made from this run's data if it is rendered: the same, as
            # nothing it shows changed, and no older run is kept alive by the page. (A run
            # that fails later leaves it bound to this one's data: also the same.)
            kept_page.fields = {}
            kept_page.make_fields = partial(_fields, page, lang, target, [], url)
            result.append(kept_page)
            continue
        home = f"/{lang}/"
        done, fields = _cached_fields(page, lang, target, warnings, url, cache, kept, digests)
        parent = parent_url(url)
        versions_here = alternates(meta["translation_key"])
        translation = meta.get("translation") or {"state": "source"}
        wanted = (meta["translation_key"], translation.get("source_locale"))
        if wanted not in sources:
            sources[wanted] = next((alt for alt in versions_here if alt.lang == wanted[1]), None)
        source = sources[wanted]
        result.append(
            SitePage(
                id=pid,
                type=meta["type"],
                template=PAGE_TEMPLATES[meta["type"]],
                lang=lang,
                dir=locales[lang].direction,
                url=url,
                output_path=file_of(url),
                title=page["title"],
                translation_key=meta["translation_key"],
                fields=fields if isinstance(fields, dict) else {},
                fields_digest=done.digest,
                make_fields=None if isinstance(fields, dict) else fields,
                alternates=versions_here,
                children=children(url),
                breadcrumbs=trail(parent) if parent else [],
                navigation=children(home),
                home_url=home,
                translation=translation,
                source=source if source is not None and source.lang != lang else None,
            )
        )
    return Site(
        locales=list(locales.values()), pages=result, warnings=warnings, cache=kept, items=pages
    )
