"""Part of transform: which pages of the last run still hold, for the build server.

A one-page change made all 8,000 pages again, and then digested them all to find the nine that
differ: about a quarter of a second on every build, most of the server's budget. The server
keeps the last run's Site, so transform can instead reuse each page nothing changed for, as
the same object (the plan then knows its digest by identity too).

What a page shows comes from the API items of: itself; its translation's versions (alternates,
the source link); its parent's children and its language's navigation (the home page's
children); the pages at the URLs above it (breadcrumbs); and the pages its rich text and link
blocks point to, in the reader's language (any version of their translations). So when the
items of some pages changed (replaced, added or removed: fetch replaces the object of every
page it pulls again), a page is made again if it is one of them, or if one of them, before or
after the change, shares its translation, has its URL or its language's home URL as parent,
sits at a URL above it, or is a link target of it or shares a translation with one. The rest
are reused. tests/sitebuild/test_reuse.py checks the result against a run from scratch over
random edits of each kind."""

from typing import Any

from .model import Locale, Site, SitePage
from .urls import page_url, parent_url


def unaffected(
    previous: Site, items: dict[int, dict[str, Any]], locales: list[Locale]
) -> dict[int, SitePage]:
    """The pages of ``previous`` that a run over ``items`` would make equal, by page id.
    Nothing when the languages changed or ``previous`` did not record its items."""
    old = previous.items
    if not old or previous.locales != locales:
        return {}
    changed = {pid for pid, item in items.items() if old.get(pid) is not item}
    changed |= old.keys() - items.keys()
    if not changed:
        return {page.id: page for page in previous.pages}
    keys: set[str] = set()  # translations with a changed version
    urls: set[str] = set()  # URLs a changed page had or has
    parents: set[str | None] = set()  # the parents of those URLs
    for pid in changed:
        for item in (old.get(pid), items.get(pid)):
            if item is not None:
                meta = item["meta"]
                url = page_url(meta["locale"], meta["site_path"])
                keys.add(meta["translation_key"])
                urls.add(url)
                parents.add(parent_url(url))

    below_change: dict[str, bool] = {}  # by parent URL: is a changed URL at or above it?

    def under_change(url: str | None) -> bool:
        if url is None:
            return False
        if url not in below_change:
            below_change[url] = url in urls or under_change(parent_url(url))
        return below_change[url]

    def holds(page: SitePage) -> bool:
        if page.id in changed or page.translation_key in keys:
            return False
        if page.url in parents or page.home_url in parents:  # children, navigation
            return False
        if under_change(parent_url(page.url)):  # breadcrumbs
            return False
        for target, _ in previous.cache[page.id].targets:
            if target in changed:
                return False
            item = items.get(target)
            if item is not None and item["meta"]["translation_key"] in keys:
                return False
        return True

    return {page.id: page for page in previous.pages if holds(page)}
