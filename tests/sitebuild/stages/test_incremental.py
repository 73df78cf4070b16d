"""Incremental builds render only what changed, and give the same bytes as a full build."""

import copy
import dataclasses
from pathlib import Path

import pytest

from sitebuild import pipeline
from sitebuild.errors import VerifyError
from sitebuild.model import Link, SitePage
from sitebuild.options import BuildOptions
from sitebuild.paths import list_files
from sitebuild.report import BuildOutcome, Reporter
from sitebuild.stages.incremental import nothing_gone, page_input
from sitebuild.stages.transform import transform
from sitebuild.stages.verify import verify
from sitebuild.state import StateFolder

from ..helpers import tiny_site
from ..test_cli import snapshot


def build(
    raw, out: Path, full: bool = False, url: str = "https://a11y.example/", ok: bool = True
) -> BuildOutcome:
    options = BuildOptions(
        out=out,
        full=full,
        accessibility_url=url,
        site_url="https://udsyn.example",
        max_drop=1.0,
        search=False,
    )
    reporter = Reporter(quiet=True)
    lines: list[str] = []
    reporter.say = lines.append
    outcome = pipeline.build(options, reporter=reporter, raw=raw, debug=True)
    assert outcome.ok is ok, outcome.error
    outcome.progress = lines
    return outcome


def rendered(outcome: BuildOutcome) -> int:
    return outcome.rendered


@pytest.fixture
def site():
    return tiny_site()


def test_a_second_build_of_unchanged_content_renders_nothing_and_is_identical(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    first = snapshot(out)
    report = build(site, out)
    assert rendered(report) == 0
    assert snapshot(out) == first


def test_a_one_page_change_renders_that_page_and_the_pages_that_show_it(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    before = snapshot(out)
    changed = copy.deepcopy(site)
    work = next(p for p in changed.pages if p["id"] == 5)  # the English "Work" section
    work["title"] = "Work and live"
    report = build(changed, out)
    after = snapshot(out)
    differs = sorted(path for path in after if after[path] != before.get(path))
    # Rendered: the page, its Danish version and the page that lists it (the English home's
    # navigation); nothing else. Changed bytes: the page, the home and the English 404 page,
    # whose menu shows the title (the Danish version names languages, not titles).
    assert rendered(report) == 3
    assert differs == ["en/404.html", "en/index.html", "en/work/index.html"]
    full = tmp_path / "full"
    build(changed, full, full=True)
    assert snapshot(full) == after


def test_a_removed_page_disappears_as_in_a_full_build(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    smaller = copy.deepcopy(site)
    smaller.pages = [p for p in smaller.pages if p["id"] != 6]  # the Danish "Skole" page
    build(smaller, out)
    assert not (out / "da/arbejde/skole").exists()
    full = tmp_path / "full"
    build(smaller, full, full=True)
    assert snapshot(full) == snapshot(out)


def test_a_change_outside_the_content_renders_everything(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    report = build(site, out, url="https://other.example/statement")
    assert rendered(report) == len(site.pages)
    assert "https://other.example/statement" in (out / "en/index.html").read_text()


def test_a_damaged_manifest_means_a_full_build(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    (tmp_path / ".site-cache" / "manifest.pickle").write_bytes(b"not a pickle")
    assert rendered(build(site, out)) == len(site.pages)


def retitled(raw, pid: int, title: str):
    changed = copy.deepcopy(raw)
    next(p for p in changed.pages if p["id"] == pid)["title"] = title
    return changed


def test_builds_from_the_spare_folder_match_a_full_build(tmp_path, site):
    out = tmp_path / "site"
    build(site, out)
    second = retitled(site, 5, "Work and live")
    build(second, out)  # the first site becomes the spare
    third = retitled(second, 6, "Skole og SFO")
    report = build(third, out)
    assert any("(brought up to date)" in line for line in report.progress)
    full = tmp_path / "full"
    build(third, full, full=True)
    assert snapshot(out) == snapshot(full)


def test_a_failed_build_in_the_spare_leaves_the_published_site_and_the_next_one_recovers(
    tmp_path, site
):
    # Files in the spare can be hard links shared with the published site: rendering into it
    # must never write through them.
    out = tmp_path / "site"
    build(site, out)
    second = retitled(site, 6, "Skole og SFO")
    build(second, out)
    published = snapshot(out)
    broken = retitled(second, 5, "   ")  # not rendered in the last build; verify refuses it
    assert build(broken, out, ok=False).error.startswith("verify: ")
    assert snapshot(out) == published
    third = retitled(second, 5, "Work and live")
    build(third, out)
    full = tmp_path / "full"
    build(third, full, full=True)
    assert snapshot(out) == snapshot(full)


def published(site, out):
    """Build ``site`` into ``out``; its manifest, listing and the verify facts it keeps."""
    build(site, out)
    manifest = StateFolder(out).read("").manifest
    known = {entry["url"]: entry["facts"] for entry in manifest["files"].values()}
    return manifest, list_files(out), {url: facts for url, facts in known.items() if facts}


def test_kept_pages_links_are_looked_up_again_when_a_published_file_is_gone(tmp_path, site):
    """verify skips the links of kept pages only while every file they were checked against
    is still there (incremental.nothing_gone); a file gone means they are checked again."""
    out = tmp_path / "site"
    manifest, listing, known = published(site, out)
    assert nothing_gone(manifest, listing)
    verify(out, known=known, files=listing, known_links_hold=True)

    gone = listing - {"da/arbejde/index.html"}  # the school page links to it
    assert not nothing_gone(manifest, gone)
    without = {url: facts for url, facts in known.items() if url != "/da/arbejde/"}
    with pytest.raises(VerifyError) as failure:
        verify(out, known=without, files=gone, known_links_hold=False)
    assert "/da/arbejde/skole/: link to /da/arbejde/ does not resolve" in failure.value.problems


def test_a_kept_pages_alternates_are_checked_against_the_pages_parsed_again(tmp_path, site):
    """With known_links_hold, verify skips the pages whose hreflang targets were all carried
    over too (checked together last time), but not a kept page pointing at a page parsed in
    this build: that one must still point back."""
    out = tmp_path / "site"
    _, listing, known = published(site, out)
    english = out / "en/work/index.html"
    text = english.read_text()
    danish = '<link rel="alternate" hreflang="da" href="https://udsyn.example/da/arbejde/">'
    assert danish in text
    english.write_text(text.replace(danish, ""))
    parsed_again = {url: facts for url, facts in known.items() if url != "/en/work/"}
    with pytest.raises(VerifyError) as failure:
        verify(out, known=parsed_again, files=listing, known_links_hold=True)
    assert failure.value.problems == ["/da/arbejde/: hreflang en -> /en/work/ is not reciprocal"]


def test_a_page_input_changes_with_every_attribute_the_page_has(site):
    """page_input decides which pages are rendered again: an attribute it left out would keep
    a stale page. Each attribute of SitePage is changed in turn (the fields count by their
    transform digest where there is one)."""
    page = next(p for p in transform(site).pages if p.id == 6)
    page.ensure_fields()
    assert page.fields_digest and page.breadcrumbs and page.alternates
    before = page_input(page)
    assert page_input(copy.copy(page)) == before
    other = Link(lang="de", url="/de/", title="Anders")
    for attribute in dataclasses.fields(SitePage):
        name, value = attribute.name, getattr(page, attribute.name)
        if name in ("make_fields", "fields"):
            continue
        if isinstance(value, str):
            changed = value + "x"
        elif isinstance(value, int):
            changed = value + 1
        elif isinstance(value, list):
            changed = [*value, other]
        elif isinstance(value, dict):
            changed = {**value, "state": "outdated"}
        else:
            changed = other
        assert page_input(dataclasses.replace(page, **{name: changed})) != before, name
    without_digest = dataclasses.replace(page, fields_digest="")
    edited = dataclasses.replace(without_digest, fields={**page.fields, "summary": "Ny"})
    assert page_input(edited) != page_input(without_digest)
