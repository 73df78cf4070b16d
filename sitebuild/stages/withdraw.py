"""Privacy before the last good site: pages the CMS no longer serves come off the site.

verify's leak check (leaks.py) finds pages in the output that the API does not publish: a
removal the incremental pull missed, a page made private while the build ran, a bug in fetch.
Refusing the build would leave the last good site serving them. Instead the build drops them
from its data and builds again (``without_pages``; the pages that list or link to them are
rendered again, as for any removal). If that build fails too, for any reason, the last good
site is published without their files (``publish_without``) and the build fails, naming them;
if even that cannot be written (a full disk), their files are removed from the published site
in place. Either way the saved pull forgets them (state.StateFolder.forget_pages), so no
later build brings them back."""

import contextlib
import dataclasses
import html
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import BuildError, as_build_error
from ..model import RawSite
from ..paths import file_of, list_files
from . import incremental, publish, search

SITEMAP = "sitemap.xml"
LOC = re.compile(r"<loc>([^<]*)</loc>")
ALTERNATE = re.compile(r'<xhtml:link [^>]*href="([^"]*)"/>')


class WithdrawnError(BuildError):
    """The build failed after taking pages off the last good site: it says which."""

    stage = "verify"


class RemovedInPlaceError(BuildError):
    """The site could not be published again without the pages: their files were removed
    from the published site itself."""

    stage = "withdraw"


def notice(pages: dict[str, int]) -> str:
    """The warning that names the pages taken off."""
    listed = ", ".join(f"{url} (page {pid})" for url, pid in sorted(pages.items()))
    return (
        f"verify: {len(pages)} page(s) not public in the CMS (draft, private or removed) "
        f"taken off the site: {listed}"
    )


def without_pages(raw: RawSite, ids: Iterable[int]) -> RawSite:
    """``raw`` without the pages ``ids``: the data of a build that never saw them."""
    gone = set(ids)
    return dataclasses.replace(raw, pages=[item for item in raw.pages if item["id"] not in gone])


def publish_without(
    out: Path,
    urls: Iterable[str],
    bundles: Path,
    with_search: bool,
    progress: Callable[[str], None] = lambda _: None,
) -> list[str]:
    """Publish the site in ``out`` again without the pages at ``urls``: their files, their
    sitemap entries and, with ``with_search``, their text in the search index (indexed again
    in ``bundles``, a folder on the same disk). Other pages that list or link to them are
    left as they were. Returns the files removed; publishes nothing if none was there. If the
    site cannot be written again, removes the files in place and raises RemovedInPlaceError."""
    urls = set(urls)
    gone = {file_of(url) for url in urls}
    listing = list_files(out) if out.is_dir() else set()
    removed = sorted(gone & listing)
    if not removed:
        return []
    indexed = with_search and f"pagefind/{search.ENTRY}" in listing
    kept = [
        rel
        for rel in listing
        if rel not in gone and rel != SITEMAP and not (indexed and rel.startswith("pagefind/"))
    ]
    staging: Path | None = None
    try:
        staging = publish.staging_dir(out)
        incremental.link_kept(kept, out, staging)
        if SITEMAP in listing:
            text = (out / SITEMAP).read_text(encoding="utf-8")
            (staging / SITEMAP).write_text(_sitemap_without(text, urls), encoding="utf-8")
        if indexed:
            _index_again(staging, kept, bundles, progress)
        previous = publish.publish(staging, out)
    except Exception as exc:  # a full disk, say: the files go all the same, in place
        if staging is not None:
            publish.discard(staging)
        reason = as_build_error(exc, "withdraw", out.parent)
        why = f"{reason.stage}: {reason}" if reason else f"{type(exc).__name__}: {exc}"
        _remove_in_place(out, removed)
        raise RemovedInPlaceError(
            f"{', '.join(removed)} removed from the published site in place, which could not "
            f"be published again ({why}); its sitemap, search index and the pages that list "
            "them may still name them"
        ) from None
    except BaseException:
        if staging is not None:
            publish.discard(staging)
        raise
    if previous is not None:
        publish.discard(previous)
    progress(f"published {out} without {', '.join(removed)}")
    return removed


def _remove_in_place(out: Path, files: list[str]) -> None:
    """Unlink the files from the published site (which takes no room on a full disk), and
    the folders they leave empty."""
    for rel in files:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(out / rel)
        parent = (out / rel).parent
        while parent != out and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _sitemap_without(text: str, urls: set[str]) -> str:
    def path(url: str) -> str:
        return urlsplit(html.unescape(url)).path

    rows = []
    for row in text.splitlines(keepends=True):
        found = LOC.search(row)
        if found and path(found.group(1)) in urls:
            continue
        rows.append(ALTERNATE.sub(lambda m: "" if path(m.group(1)) in urls else m.group(0), row))
    return "".join(rows)


def _index_again(staging: Path, files: list[str], bundles: Path, progress) -> None:
    """The search index of the pages in ``staging``, every language indexed afresh. If that
    fails, the site goes out without search: better than with the pages' text."""
    languages = sorted(
        {rel.split("/", 1)[0] for rel in files if rel.endswith(".html") and "/" in rel}
    )
    bundles.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=bundles, prefix="withdraw-") as folder:
        made = {lang: Path(folder) / lang for lang in languages}
        try:
            for lang, bundle in made.items():
                search.index_language(staging, lang, bundle)
            search.assemble(made, staging / "pagefind")
        except (BuildError, OSError) as exc:
            progress(f"published without a search index: {exc}")
            shutil.rmtree(staging / "pagefind", ignore_errors=True)
