"""The search index is built per language with the real Pagefind binary, and an incremental
build indexes only the languages whose pages were rendered again."""

import copy
import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

from sitebuild import pipeline
from sitebuild.options import BuildOptions
from sitebuild.report import BuildOutcome, Reporter
from sitebuild.stages import search

from ..helpers import info_page, tiny_site
from ..test_cli import snapshot

pytestmark = pytest.mark.skipif(
    not search.installed(),
    reason="Pagefind is not installed (npm ci)",
)


def build(raw, out: Path, full: bool = False) -> BuildOutcome:
    options = BuildOptions(
        out=out,
        full=full,
        accessibility_url="https://a11y.example/",
        site_url="https://udsyn.example",
        max_drop=1.0,
    )
    outcome = pipeline.build(options, reporter=Reporter(quiet=True), raw=raw, debug=True)
    assert outcome.ok, outcome.error
    return outcome


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "id": "p1", "value": f"<p>{text}</p>"}]


@pytest.fixture
def site():
    return tiny_site(
        [
            info_page(20, "en", "work/tax/", "Tax", "k-tax", paragraph("Income tax rules")),
            info_page(21, "da", "arbejde/skat/", "Skat", "k-tax", paragraph("Regler for skat")),
        ]
    )


def inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()
    }


def fragments_text(folder: Path, lang: str) -> str:
    return "\n".join(
        gzip.decompress(p.read_bytes()).decode()
        for p in (folder / "fragment").glob(f"{lang}_*.pf_fragment")
    )


def test_the_assembled_index_is_what_pagefind_builds_for_the_whole_site(tmp_path, site):
    out = tmp_path / "site"
    assert build(site, out).indexed == ["ar", "da", "en"]
    whole = tmp_path / "whole"
    subprocess.run(
        [str(search.pagefind_binary()), "--site", str(out), "--output-path", str(whole), "-q"],
        check=True,
    )
    assert snapshot(out / "pagefind") == snapshot(whole)


def test_a_one_page_change_reindexes_only_its_language(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    before = inodes(out / "pagefind")
    entry_before = json.loads((out / "pagefind" / search.ENTRY).read_text())
    changed = copy.deepcopy(site)
    tax = next(p for p in changed.pages if p["id"] == 20)
    tax["body"] = paragraph("Income tax rules for cross-border commuters")

    assert build(changed, out).indexed == ["en"]

    after = inodes(out / "pagefind")
    others = [rel for rel in before if any(f"{lang}_" in rel for lang in ("da", "ar"))]
    assert others and all(after.get(rel) == before[rel] for rel in others)
    entry = json.loads((out / "pagefind" / search.ENTRY).read_text())
    assert entry["languages"]["da"] == entry_before["languages"]["da"]
    assert entry["languages"]["en"]["hash"] != entry_before["languages"]["en"]["hash"]
    # The English index holds the new text, and only files the entry points to are left.
    assert "cross-border commuters" in fragments_text(out / "pagefind", "en")
    old_meta = f"pagefind.{entry_before['languages']['en']['hash']}.pf_meta"
    assert not (out / "pagefind" / old_meta).exists()
    # And it is the index a full build makes of the same content.
    full = tmp_path / "full"
    build(changed, full, full=True)
    assert snapshot(full) == snapshot(out)
    # Unused bundles are removed: one per language is left.
    assert len(os.listdir(tmp_path / ".site-cache" / "search")) == 3


def test_language_versions_rendered_again_with_the_same_bytes_are_not_reindexed(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    changed = copy.deepcopy(site)
    next(p for p in changed.pages if p["id"] == 20)["title"] = "Income tax"
    outcome = build(changed, out)
    # The Danish version is rendered again (its list of versions changed), but its bytes
    # did not: only English is indexed again.
    assert outcome.rendered == 3  # + the English section
    assert outcome.indexed == ["en"]
