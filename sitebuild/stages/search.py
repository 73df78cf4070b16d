"""Search index: Pagefind's extended build (it segments Chinese), run over the rendered site.
Pagefind keeps one index per language, by each page's lang attribute, and only what is inside
``data-pagefind-body`` (the main content; not menus, not the 404 and search pages).

The build indexes each language on its own (``index_language``, over that language's folder)
into a bundle kept between builds, and ``assemble`` puts the bundles together as the site's
``pagefind/`` folder: a language's files are the same whether it is indexed alone or with
the others (Pagefind names them by content hash), only ``pagefind-entry.json`` lists them
all. So an incremental build indexes only the languages with re-rendered pages and
hard-links the other languages' files unchanged."""

import filecmp
import json
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import STORAGE_ERRNOS, BuildError, StorageError
from ..model import Site
from .incremental import Plan


class SearchError(BuildError):
    stage = "search"


def _binaries() -> list[Path]:
    return sorted(paths.NODE_MODULES.glob("@pagefind/*/bin/pagefind_extended"))


def installed() -> bool:
    """Is Pagefind's extended binary installed (npm ci)?"""
    return bool(_binaries())


def pagefind_binary() -> Path:
    found = _binaries()
    if not found:
        raise SearchError(
            "Pagefind is not installed: run `npm ci` (./scripts/test and ./scripts/demo do), "
            "or build with --no-search"
        )
    return found[0]


# How Pagefind (Rust) names an operating system error when it fails or panics.
OS_ERROR = re.compile(r"\bOs \{ code: (\d+)|\(os error (\d+)\)")


def _run(args: list[str], writes: Path) -> str:
    """Run Pagefind; ``writes`` is the folder it writes, named if the disk refuses."""
    result = subprocess.run(  # noqa: S603 - our binary, our folder, no shell
        [str(pagefind_binary()), *args], capture_output=True, text=True, timeout=1800
    )
    if result.returncode != 0:
        found = OS_ERROR.search(result.stderr + result.stdout)
        code = int(found.group(1) or found.group(2)) if found else 0
        if code in STORAGE_ERRNOS:
            raise StorageError("search", OSError(code, os.strerror(code), str(writes)))
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SearchError(f"Pagefind failed: {last[0]}")
    return result.stdout


def index_language(site: Path, lang: str, bundle: Path) -> None:
    """Index the pages of one language (the folder ``site/lang``) into ``bundle``."""
    _run(
        ["--site", str(site), "--glob", f"{lang}/**/*.html", "--output-path", str(bundle)],
        writes=bundle,
    )


ENTRY = "pagefind-entry.json"


def assemble(bundles: dict[str, Path], target: Path) -> None:
    """The site's search folder from one bundle per language: every bundle's files
    hard-linked into ``target`` (the files all bundles share, such as pagefind.js, once) and
    one entry file listing every language, as Pagefind writes it for a whole site."""
    entry: dict = {"version": "", "languages": {}, "include_characters": []}
    target.mkdir(parents=True, exist_ok=True)  # also for a site without languages
    for lang in sorted(bundles):
        bundle = bundles[lang]
        own = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        entry["version"] = own["version"]
        entry["languages"].update(own["languages"])
        entry["include_characters"] = own.get("include_characters", [])
        for folder, _, names in os.walk(bundle):
            rel = os.path.relpath(folder, bundle)
            os.makedirs(target / rel, exist_ok=True)
            for name in names:
                if rel == "." and name == ENTRY:
                    continue
                try:
                    os.link(os.path.join(folder, name), target / rel / name)
                except FileExistsError:
                    continue  # shared by all bundles, and the same in each
                except OSError:  # a file system without hard links
                    shutil.copy2(os.path.join(folder, name), target / rel / name)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    (target / ENTRY).write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def index_site(
    site: Site,
    plan: Plan,
    manifest: dict[str, Any],
    staging: Path,
    published: Path,
    bundles_dir: Path,
    progress: Callable[[str], None] = lambda _: None,
) -> tuple[dict[str, str], list[str]]:
    """The site's search index, one bundle per language (kept in ``bundles_dir`` between
    builds): languages with pages that differ from the published ones (new, changed or
    removed) are indexed again, the others' bundles (named in the last ``manifest``) are
    reused. A page re-rendered with the same bytes (a language version whose list of
    versions changed only a title it does not show) does not count. Returns the bundle
    folder's name by language, for the next manifest, and the languages indexed again."""
    old_files = manifest.get("files", {}) if not plan.full else {}
    changed = {
        page.lang
        for page in plan.render
        if not _same_file(staging / page.output_path, published / page.output_path)
    }
    changed |= {rel.split("/", 1)[0] for rel in old_files if rel not in plan.inputs}
    previous = manifest.get("search", {}) if not plan.full else {}
    bundles: dict[str, str] = {}
    indexed = []
    for lang in sorted({page.lang for page in site.pages}):
        name = previous.get(lang)
        if lang in changed or name is None or not (bundles_dir / name / ENTRY).is_file():
            name = f"{lang}-{uuid.uuid4().hex[:12]}"  # new: never written into in place
            index_language(staging, lang, bundles_dir / name)
            indexed.append(lang)
        bundles[lang] = name
    assemble({lang: bundles_dir / name for lang, name in bundles.items()}, staging / "pagefind")
    reused = len(bundles) - len(indexed)
    progress(f"indexed {', '.join(indexed) or 'no language'}; {reused} languages' indexes reused")
    return bundles, indexed


def remove_unused_bundles(bundles_dir: Path, used: set[str]) -> None:
    if bundles_dir.is_dir():
        for bundle in bundles_dir.iterdir():
            if bundle.name not in used:
                shutil.rmtree(bundle, ignore_errors=True)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False
