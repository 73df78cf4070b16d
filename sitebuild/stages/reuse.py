"""Part of transform: which pages of the last run still hold, for the build server.

A one-page change made all 8,000 pages again, and then digested them all to find the nine that
differ: about a quarter of a second on every build, most of the server's budget. The server
keeps the last run's Site, so transform can instead reuse each page nothing changed for, as
the same object (the plan then knows its digest by identity too).

What a page shows, by SitePage attribute, and the changed pages that make it again (a page
counts as changed when fetch replaced its item object, or it is new or gone; each test below
looks at a changed page's item before and after the change):

- its own attributes and ``translation``: the page itself changed;
- ``alternates``, ``source``: a changed page shares its translation key;
- ``children``: a changed page has the page's URL as parent;
- ``navigation``: a changed page has the page's home URL as parent;
- ``breadcrumbs``: a changed page's URL is above the page's;
- ``fields`` (links in rich text and link blocks, shown in the reader's language): a link
  target changed, or a changed page shares a link target's translation key;
- everything: the languages changed.

Pages none of these apply to are reused; a field added to SitePage needs its line here and
its check in ``unaffected``. tests/sitebuild/test_reuse.py compares the result with a run from
scratch over random edits of each kind."""

from typing import Any

from ..model import Locale, Site, SitePage
from ..paths import item_url, parent_url


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
                url = item_url(item)
                keys.add(item["meta"]["translation_key"])
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
