"""Where things live: a page's URL and its file in the output folder (both directions, one rule),
the folders beside an output folder, and the build's own resources.

The rule: a URL ending in ``/`` is that folder's ``index.html`` ("/en/work/" is
"en/work/index.html", "/" is "index.html"); any other URL is the file itself ("/en/404.html")."""

import os
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent  # sitebuild/
ROOT = PACKAGE.parent  # the checkout: site/, locales/, node_modules/
SITE = ROOT / "site"  # Pelican's settings, plugins and theme
THEME = SITE / "theme"
LOCALES = ROOT / "locales"
NODE_MODULES = ROOT / "node_modules"
INDEX = "index.html"


def file_of(url: str) -> str:
    """The output file (relative to the output folder) of a site path: "/en/a/" ->
    "en/a/index.html"."""
    path = url.lstrip("/")
    return path + INDEX if not path or path.endswith("/") else path


def url_of(rel: str) -> str:
    """The site path of an output file: "en/a/index.html" -> "/en/a/"."""
    return "/" + (rel.removesuffix(INDEX) if rel == INDEX or rel.endswith("/" + INDEX) else rel)


def item_url(item: dict[str, Any]) -> str:
    """The URL of the page an API item describes."""
    return f"/{item['meta']['locale']}/{item['meta']['site_path']}"


def parent_url(url: str) -> str | None:
    """ "/en/a/b/" -> "/en/a/"; a language's home page ("/en/") has no parent."""
    parts = url.strip("/").split("/")
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else None


def list_files(root: Path) -> set[str]:
    """Every file under ``root``, as relative paths (what ``os.walk`` finds: a link to a
    folder is neither followed nor listed). Scandir with path prefixes built as it goes, because
    ``os.walk`` and ``relpath`` took twice as long over 8,000 folders, on every build."""
    files: set[str] = set()
    folders = [("", os.fspath(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.is_dir():
                    files.add(prefix + entry.name)
                elif not entry.is_symlink():
                    folders.append((f"{prefix}{entry.name}/", entry.path))
    return files


def html_urls(files: set[str] | list[str]) -> list[str]:
    """The site paths of the HTML files in a listing (see ``list_files``), sorted."""
    return sorted(url_of(rel) for rel in files if rel.endswith(".html"))


def beside(out: Path, suffix: str) -> Path:
    """A hidden path next to the output folder, never inside what is published:
    ``beside(Path("build/site"), "cache")`` is ``build/.site-cache``."""
    out = out.resolve()
    return out.parent / f".{out.name}-{suffix}"
