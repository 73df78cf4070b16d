"""Incremental rendering: only pages whose rendering inputs changed are rendered again.

Each page's input is its whole view-model (SitePage): its own fields, but also its language
versions, its children, its breadcrumbs and the navigation. So a page is re-rendered exactly
when something it shows changed: the page itself, a language version added or removed, a
child's or a section's new title. Everything else is hard-linked from the published site. A
change to the templates, the stylesheet, the interface strings or this package renders
everything. The manifest of the last published build lives next to the output folder.

Publishing swaps folders, so after a build the previous site is still on disk. It is kept as
the *spare*: the next build renders into it after bringing it up to date, instead of creating
8,000 folders of hard links into a new one and deleting the old one (the two largest costs of
a one-page change). Files the build writes are always new files (see
``pelican_plugin.write_file``), never rewritten in place, because a file in the spare may be a
hard link shared with the published site."""

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..model import Site, SitePage
from .verify import count_pages


def _plain(value: Any) -> Any:
    # Dataclasses by their attributes, without dataclasses.asdict's deep copies (the
    # digest of 8,000 pages took seconds that way).
    return vars(value) if hasattr(value, "__dict__") else str(value)


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()


def code_version(theme: Path, locales_dir: Path, options: dict[str, Any]) -> str:
    """Everything besides the content that shapes the output."""
    digest = hashlib.sha256(_digest(options).encode())
    for folder, pattern in ((theme, "**/*"), (locales_dir, "**/*.po"), (paths.PACKAGE, "**/*.py")):
        for path in sorted(p for p in folder.glob(pattern) if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


SHARED = ("alternates", "children", "navigation", "breadcrumbs")  # lists many pages share
# The attributes a page's input takes as they are; the others stand in by digests (below).
PLAIN = tuple(
    f.name
    for f in dataclasses.fields(SitePage)
    if f.name not in (*SHARED, "fields", "make_fields", "source")
)


def page_input(page: SitePage, memo: dict[int, Any] | None = None) -> str:
    """The digest of everything a page shows. Its fields count by their transform digest
    when there is one (serialising every page's HTML on every run took a second), and lists
    shared by many pages are serialised once per list, through ``memo``. A flat list of
    values, not a dict of the page's attributes: this runs for all 8,000 pages on every
    build, one-page changes included."""
    memo = {} if memo is None else memo
    if not page.fields_digest:
        return _digest({k: v for k, v in vars(page).items() if k != "make_fields"})
    state = [getattr(page, name) for name in PLAIN]
    for name in SHARED:
        value = getattr(page, name)
        known = memo.get(id(value))
        if known is None:
            known = memo[id(value)] = (value, _quick_digest(value))  # value keeps its id unique
        state.append(known[1])
    # The source version is a Link that transform shares between pages (one object per page
    # linked to): its repr is made once, not once per page showing it.
    state.append(None if page.source is None else _memo_repr(page.source, memo))
    return _quick_digest(state)


def _memo_repr(value: Any, memo: dict[int, Any]) -> str:
    if id(value) not in memo:
        memo[id(value)] = (value, repr(value))
    return memo[id(value)][1]


def _quick_digest(value: Any) -> str:
    # repr, not JSON: without the HTML of the fields, what is left is plain values and Link
    # dataclasses, whose repr names every field; it is several times faster than json.dumps
    # calling back into Python for each Link. (A key order that differs between runs would
    # only render a page again, never keep a changed one.)
    return hashlib.blake2b(repr(value).encode(), digest_size=20).hexdigest()


def root_input(site: Site) -> str:
    # (Whether a home has versions decides whether the chooser names it: see chooser_versions.)
    homes = [
        (p.lang, p.url, p.title, len(p.alternates) > 1)
        for p in site.pages
        if p.url == f"/{p.lang}/"
    ]
    return _digest([site.locales, homes])


ROOT = "index.html"


@dataclass
class Plan:
    render: list[SitePage]
    render_root: bool
    keep: list[str]  # output paths carried over from the published site
    known: dict[str, Any]  # verify facts of the kept files, from the last manifest
    inputs: dict[str, str] = field(default_factory=dict)  # output path -> input digest
    full: bool = False
    memo: dict[int, tuple[SitePage, str]] = field(default_factory=dict)  # see plan


def folder_id(path: Path) -> int | None:
    """A site folder's identity: its inode, which moves with it when folders are swapped. A
    manifest names the folder it describes, so a build killed between publishing and saving
    the manifest cannot make the next build trust a manifest of another folder."""
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def plan(
    site: Site,
    manifest: dict[str, Any],
    published: Path,
    version: str,
    full: bool = False,
    memo: dict[int, tuple[SitePage, str]] | None = None,
) -> Plan:
    """``memo``: the input digests of the last plan by page object (its ``Plan.memo``), for
    a caller that keeps the last Site: the pages transform reused are not digested again."""
    memo = memo or {}
    shared: dict[int, Any] = {}
    digests: dict[int, tuple[SitePage, str]] = {}
    for page in site.pages:
        known = memo.get(id(page))
        if known is None or known[0] is not page:  # the entry holds its page: ids stay unique
            known = (page, page_input(page, shared))
        digests[id(page)] = known
    inputs = {page.output_path: digests[id(page)][1] for page in site.pages}
    inputs[ROOT] = root_input(site)
    files = manifest.get("files", {})
    if (
        full
        or manifest.get("version") != version
        or manifest.get("folder") is None
        or manifest.get("folder") != folder_id(published)
    ):
        return Plan(site.pages, True, [], {}, inputs, full=True, memo=digests)

    root = str(published)
    same = {
        path
        for path, digest in inputs.items()
        if (entry := files.get(path))
        and entry["input"] == digest
        and os.path.isfile(os.path.join(root, path))
    }
    render = [page for page in site.pages if page.output_path not in same]
    keep = [path for path in inputs if path in same]  # sitemap, robots, 404s: always new
    known = {files[path]["url"]: files[path]["facts"] for path in keep}
    return Plan(render, ROOT not in same, keep, known, inputs, memo=digests)


def link_kept(paths: list[str], published: Path, staging: Path) -> None:
    """Unchanged files come from the published site as hard links: instant, and safe because
    the build never writes into a file it did not create in this run (render writes first,
    into paths that are not links)."""
    made: set[str] = set()
    for rel in paths:
        parent = os.path.dirname(rel)
        if parent not in made:
            os.makedirs(os.path.join(staging, parent), exist_ok=True)
            made.add(parent)
        try:
            os.link(os.path.join(published, rel), os.path.join(staging, rel))
        except FileExistsError:
            continue  # rendered in this run: keep the new file
        except OSError:
            shutil.copy2(os.path.join(published, rel), os.path.join(staging, rel))


def manifest_of(
    version: str, plan_: Plan, facts: dict[str, Any], listing: set[str], folder: Path
) -> dict[str, Any]:
    """What the next build needs to know about the site in ``folder``: each page file's input
    digest and verify facts, the other files (``extra``) and the pages per language (for
    verify's page-count check, without listing the published site again)."""
    files = {}
    for rel, digest in plan_.inputs.items():
        url = paths.url_of(rel)
        page = facts.get(url)
        if page is not None and url not in plan_.known:
            # Links repeat across pages: stored once each in the pickle. (A carried page's
            # are the strings the last manifest was loaded with, shared between pages.)
            page = {**page, "links": [sys.intern(link) for link in page["links"]]}
        files[rel] = {"input": digest, "url": url, "facts": page}
    return {
        "version": version,
        "folder": folder_id(folder),
        "files": files,
        "extra": sorted(rel for rel in listing if rel not in files),
        "counts": dict(count_pages(listing)),
    }


# -- the spare folder -----------------------------------------------------------------------


def use_spare(
    spare: Path, manifest: dict[str, Any], plan_: Plan, published: Path, staging: Path, version: str
) -> bool:
    """Turn the spare (the site before the published one, described by ``manifest``) into
    this build's staging folder, up to date for everything ``plan_`` keeps: pages gone since
    are removed, kept pages that changed since are hard-linked from the published site, and
    every file that is not a page (sitemap, 404 pages, static files, the search index) is
    removed for render to write again. Returns False, touching nothing, if the spare cannot
    be trusted; the caller then starts from an empty staging folder."""
    if (
        plan_.full
        or manifest.get("version") != version
        or manifest.get("folder") is None
        or manifest.get("folder") != folder_id(spare)
    ):
        return False
    os.rmdir(staging)  # empty: staging_dir just made it
    os.rename(spare, staging)  # if killed from here on, staging_dir removes it next time
    old = manifest["files"]
    for rel in old:
        if rel not in plan_.inputs:
            _remove_file(staging, rel)
    shutil.rmtree(staging / "pagefind", ignore_errors=True)  # assembled again (see search)
    for rel in manifest["extra"]:
        if not rel.startswith("pagefind/"):
            _remove_file(staging, rel)
    for rel in plan_.keep:
        entry = old.get(rel)
        if entry is None or entry["input"] != plan_.inputs[rel]:
            _remove_file(staging, rel, prune=False)
            link_kept([rel], published, staging)
    return True


def _remove_file(root: Path, rel: str, prune: bool = True) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(os.path.join(root, rel))
    parent = os.path.dirname(rel)
    while prune and parent:  # folders left empty, as a full build would not have them
        try:
            os.rmdir(os.path.join(root, parent))
        except OSError:
            break
        parent = os.path.dirname(parent)


def keep_as_spare(
    previous: Path,
    manifest: dict[str, Any],
    spare: Path,
    save: Callable[[dict[str, Any]], None],
) -> dict[str, Any]:
    """After publishing: the replaced site becomes the spare, its manifest saved with
    ``save`` before it moves there. Runs after the new site is live, so nothing here delays
    it; a spare it cannot trust is removed. Returns the spare's manifest ({} when there is no
    spare)."""
    if spare.exists():
        trash = spare.with_name(spare.name + ".old")
        shutil.rmtree(trash, ignore_errors=True)
        os.rename(spare, trash)
        shutil.rmtree(trash, ignore_errors=True)
    if manifest.get("folder") != folder_id(previous):
        shutil.rmtree(previous, ignore_errors=True)
        return {}
    files = {rel: {"input": entry["input"]} for rel, entry in manifest["files"].items()}
    kept = {**manifest, "files": files}  # without the verify facts
    save(kept)
    os.rename(previous, spare)
    return kept


def nothing_gone(manifest: dict[str, Any], listing: set[str]) -> bool:
    """Is every file of the published site the manifest describes still in ``listing``?"""
    files, extra = manifest.get("files"), manifest.get("extra")
    if files is None or extra is None:
        return False
    return all(rel in listing for rel in files) and all(rel in listing for rel in extra)


def published_counts(plan_: Plan, manifest: dict[str, Any], out: Path) -> dict[str, int]:
    """Pages per language of the published site: from the manifest that describes it, or
    counted (none if there is no site yet)."""
    if not plan_.full and manifest.get("counts") is not None:
        return dict(manifest["counts"])
    return dict(count_pages(out)) if out.is_dir() else {}
