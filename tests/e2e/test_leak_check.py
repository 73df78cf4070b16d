"""verify's own check against the CMS stops a leak that fetch let through, and the build takes
the page off the site: the real CMS over HTTP, the real build, and a fetch that (deliberately,
through monkeypatch) gets it wrong."""

import copy
import hashlib
from pathlib import Path

import pytest
from wagtail.models import Page, PageViewRestriction

from sitebuild.cli import main
from sitebuild.stages import fetch
from sitebuild.state import StateFolder

pytestmark = pytest.mark.e2e

SCHOOL = "/da/arbejde-og-bo/indskriv-dit-barn-i-skole/"


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return h.hexdigest()


def build(live_server, out: Path, *extra: str) -> int:
    return main(["--api", f"{live_server.url}/api/v2/", "--out", str(out), "--no-search", *extra])


def url_of(out: Path, pid: int) -> str:
    """The URL of the page with id ``pid`` in the built site (from its udsyn:page-id)."""
    marker = f'<meta name="udsyn:page-id" content="{pid}">'
    for path in out.rglob("index.html"):
        if marker in path.read_text(encoding="utf-8"):
            return "/" + path.parent.relative_to(out).as_posix() + "/"
    raise AssertionError(f"page {pid} is not in {out}")


def linking_to(out: Path, url: str) -> list[str]:
    return sorted(
        str(path.relative_to(out))
        for path in out.rglob("*.html")
        if f'href="{url}"' in path.read_text(encoding="utf-8")
    )


def test_a_full_build_takes_off_a_draft_that_fetch_let_through(
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
    assert build(live_server, out, "--full") == 0
    log = capsys.readouterr().err
    assert f"taken off the site: /da/arbejde-og-bo/intern-kladde/ (page {draft.id})" in log
    assert digest(out) == before  # built again without it: the site it was


def test_an_incremental_build_takes_off_a_page_restricted_since_that_fetch_kept(
    demo, live_server, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "site"
    api = f"{live_server.url}/api/v2/"
    assert build(live_server, out, "-q") == 0
    school = Page.objects.get(url_path=SCHOOL)
    english = Page.objects.get(translation_key=school.translation_key, locale__language_code="en")
    url = url_of(out, english.id)
    assert len(linking_to(out, url)) > 1  # its section and its language versions at least
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
    PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert build(live_server, out) == 0  # one incremental build
    log = capsys.readouterr().err
    assert "[render] 0 of" not in log and "unchanged files carried over" in log
    assert f"taken off the site: {url} (page {english.id})" in log
    assert not (out / url.lstrip("/")).exists()
    assert linking_to(out, url) == []  # what listed it or named it as a version: rebuilt
    assert main(["verify", str(out), "--api", api]) == 0

    # The next build, with a fetch that forgets nothing, starts from a pull without it.
    monkeypatch.setattr(fetch, "fetch_changes", original)
    cached = StateFolder(out).pull()
    assert english.id not in {p["id"] for p in cached["pages"]}
    assert build(live_server, out, "-q") == 0
    assert not (out / url.lstrip("/")).exists()
