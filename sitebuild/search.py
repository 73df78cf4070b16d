"""Search index: Pagefind's extended build (it segments Chinese), run over the rendered site.
Pagefind keeps one index per language, by each page's lang attribute, and only what is inside
``data-pagefind-body`` (the main content; not menus, not the 404 and search pages)."""

import subprocess
from pathlib import Path

from .errors import BuildError

ROOT = Path(__file__).resolve().parent.parent


class SearchError(BuildError):
    stage = "search"


def pagefind_binary() -> Path:
    found = sorted(ROOT.glob("node_modules/@pagefind/*/bin/pagefind_extended"))
    if not found:
        raise SearchError(
            "Pagefind is not installed: run `npm ci` (./scripts/test and ./scripts/demo do), "
            "or build with --no-search"
        )
    return found[0]


def index(site: Path) -> str:
    """Index ``site`` in place; returns Pagefind's closing summary line."""
    result = subprocess.run(  # noqa: S603 - our binary, our folder, no shell
        [str(pagefind_binary()), "--site", str(site)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SearchError(f"Pagefind failed: {last[0]}")
    counts = [
        line.strip().removeprefix("Indexed ")
        for line in result.stdout.splitlines()
        if line.strip().startswith("Indexed ") and not line.strip().endswith((" filters", " sorts"))
    ]
    return "indexed " + ", ".join(counts)
