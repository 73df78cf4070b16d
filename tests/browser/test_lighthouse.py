"""Lighthouse (npm, pinned) on one page of every page type of the demo build, in Debian's
headless Chromium: SEO at least 0.95 and best practices 1.0 each, as search engines and browsers
read the pages (hreflang, canonical, meta description, console errors such as a missing icon).
Only those two categories, one Lighthouse process per page."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from contract.pages import PAGE_TEMPLATES as TEMPLATES

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
# Every page type: the content templates, the utility pages and the language chooser (the
# class each one's <body> carries).
PAGE_TYPES = {*TEMPLATES.values(), "not_found", "search", "choose-language"}
MINIMUM = {"seo": 0.95, "best-practices": 1.0}
BODY = re.compile(r'<body class="([^"]+)"')


def one_page_per_type(root: Path) -> dict[str, str]:
    """A URL of each page type in the built site, each from another language where it can."""
    by_type: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.html")):
        kind = BODY.search(path.read_text(encoding="utf-8"))
        if kind:
            by_type.setdefault(kind[1], []).append("/" + path.relative_to(root).as_posix())
    chosen: dict[str, str] = {}
    langs: set[str] = set()
    for kind, paths in sorted(by_type.items(), key=lambda entry: len(entry[1])):  # rarest first
        path = next((p for p in paths if p.split("/")[1] not in langs), paths[0])
        langs.add(path.split("/")[1])
        chosen[kind] = path.removesuffix("index.html")
    return chosen


def lighthouse(url: str) -> dict:
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--only-categories=seo,best-practices",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": shutil.which("chromium")},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def found(item: dict) -> str:
    """One thing an audit found, as short as Lighthouse lets it be said."""
    source = item.get("source")
    if isinstance(source, dict) and source.get("snippet"):
        return source["snippet"]
    if item.get("description"):  # a console message
        return f"{item['description']} ({(item.get('sourceLocation') or {}).get('url', '')})"
    return json.dumps(item, ensure_ascii=False)[:300]


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost the category points, with what Lighthouse found."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            shown = [found(item) for item in items[:3]]
            lines.append(f"{audit['id']} ({audit['score']}): {audit['title']} {shown}")
    return lines


def test_every_page_type_scores_for_search_engines_and_best_practices(site, site_folder):
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is installed by ./scripts/test; run it once")
    pages = one_page_per_type(site_folder)
    assert set(pages) == PAGE_TYPES, f"a page type without a page to check: {pages}"
    failures = {}
    for kind, path in sorted(pages.items()):
        report = lighthouse(site + path)
        assert report["finalDisplayedUrl"] == site + path  # the page itself, not a redirect
        for category, minimum in MINIMUM.items():
            score = report["categories"][category]["score"]
            if score is None or score < minimum:
                failures[f"{kind} {path} {category} {score}"] = failing_audits(report, category)
    assert failures == {}, json.dumps(failures, indent=1, ensure_ascii=False)
