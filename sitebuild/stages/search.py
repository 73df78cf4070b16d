"""Search index: Pagefind's extended build (it segments Chinese), run over the rendered site.
Pagefind keeps one index per language, by each page's lang attribute, and only what is inside
``data-pagefind-body`` (the main content; not menus, not the 404 and search pages).

The build indexes each language on its own (``index_language``, over that language's folder)
into a bundle kept between builds, and ``assemble`` puts the bundles together as the site's
``pagefind/`` folder: a language's files are the same whether it is indexed alone or with
the others (Pagefind names them by content hash), only ``pagefind-entry.json`` lists them
all. So an incremental build indexes only the languages with re-rendered pages and
hard-links the other languages' files unchanged."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from .. import paths
from ..errors import STORAGE_ERRNOS, BuildError, StorageError


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
