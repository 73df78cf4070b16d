"""verify's own check against the CMS stops a leak that fetch let through: the real CMS over
HTTP, the real build, and a fetch that (deliberately, through monkeypatch) gets it wrong."""

import copy
import hashlib
from pathlib import Path

import pytest
from wagtail.models import Page, PageViewRestriction

from sitebuild import fetch
from sitebuild.cli import main

pytestmark = pytest.mark.e2e

SCHOOL = "/da/arbejde-og-bo/indskriv-dit-barn-i-skole/"


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return h.hexdigest()


def build(live_server, out: Path, *extra: str) -> int:
    return main(["--api", f"{live_server.url}/api/v2/", "--out", str(out), "--no-search", *extra])


def test_a_full_build_refuses_a_draft_that_fetch_let_through(
    demo, live_server, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "site"
    assert build(live_server, out, "-q") == 0
    before = digest(out)
    school = Page.objects.get(url_path=SCHOOL)
    draft = Page.objects.get(url_path="/da/arbejde-og-bo/").add_child(
        instance=Page(title="Intern kladde", slug="intern-kladde", live=False, locale=school.locale)
    )
    original = fetch.fetch_changes

    def leaky(*args, **kwargs):
        raw, changed = original(*args, **kwargs)
        item = copy.deepcopy(next(p for p in raw.pages if p["id"] == school.id))
        item["id"], item["title"] = draft.id, draft.title
        item["meta"].update(slug="intern-kladde", site_path="arbejde-og-bo/intern-kladde/")
        item["meta"]["translation_key"] = str(draft.translation_key)
        raw.pages.append(item)
        return raw, changed

    monkeypatch.setattr(fetch, "fetch_changes", leaky)
    assert build(live_server, out, "--full") == 1
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("error: verify:")
    assert f"page {draft.id} is not public in the CMS" in error
    assert digest(out) == before


def test_an_incremental_build_refuses_a_page_restricted_since_that_fetch_kept(
    demo, live_server, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "site"
    assert build(live_server, out, "-q") == 0
    school = Page.objects.get(url_path=SCHOOL)
    english = Page.objects.get(translation_key=school.translation_key, locale__language_code="en")
    kept = {}
    original = fetch.fetch_changes

    def forgetful(*args, **kwargs):
        raw, changed = original(*args, **kwargs)
        if not kept:
            kept.update({p["id"]: p for p in raw.pages})
        elif english.id not in {p["id"] for p in raw.pages}:
            raw.pages.append(kept[english.id])  # fetch "forgets" the removal
        return raw, changed

    monkeypatch.setattr(fetch, "fetch_changes", forgetful)
    assert build(live_server, out, "-q", "--full") == 0
    before = digest(out)
    PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert build(live_server, out) == 1
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("error: verify:")
    assert f"page {english.id} is not public in the CMS" in error
    assert digest(out) == before
