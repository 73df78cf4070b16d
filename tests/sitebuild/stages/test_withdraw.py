"""A page verify's leak check finds no longer public comes off the site (sitebuild/withdraw.py),
through the CLI against the scripted API: the build drops it, renders again what listed or
linked to it, and publishes; if that build fails for another reason, the last good site is
published without the page's files and the build fails naming it. Either way it stays off."""

import pytest

from sitebuild.cli import main
from sitebuild.stages import search
from sitebuild.state import StateFolder

from ..helpers import api_page
from ..scripted_api import ScriptedAPI
from ..test_cli import snapshot
from .test_search import fragments_text

HAS_PAGEFIND = search.installed()
HOUSING = "/da/arbejde/bolig/"


def item(pid: int, lang: str, kind: str, path: str, title: str, key: str, **fields) -> dict:
    """An API item as fetch checks it (api_page plus the translation facts)."""
    found = api_page(pid, lang, kind, path, title, key, **fields)
    found["meta"]["translation"] = {"source_locale": "da", "state": "source"}
    found["meta"]["translations"] = [{"id": pid, "locale": lang, "state": "source"}]
    return found


def info(pid: int, path: str, title: str, body: list) -> dict:
    fields = {"summary": f"Om {title}", "content_owner": "", "last_reviewed": "2026-10-01"}
    return item(pid, "da", "info", path, title, f"k{pid}", body=body, **fields)


def pages() -> list[dict]:
    link_to_housing = {"text": "Bolig", "page": {"id": 7, "locale": "da"}, "url": None}
    return [
        item(1, "da", "home", "", "Velkommen", "k-home", welcome="<p>Hej</p>"),
        item(2, "en", "home", "", "Welcome", "k-home", welcome="<p>Hello</p>"),
        item(4, "da", "section", "arbejde/", "Arbejde", "k4", audience="work-live", intro=""),
        info(
            6,
            "arbejde/skole/",
            "Skole",
            [{"type": "links", "id": "l", "value": {"title": "Se", "links": [link_to_housing]}}],
        ),
        info(7, "arbejde/bolig/", "Bolig", [{"type": "paragraph", "id": "p", "value": "<p>x</p>"}]),
        info(8, "arbejde/skat/", "Skat", [{"type": "paragraph", "id": "p", "value": "<p>y</p>"}]),
    ]


@pytest.fixture
def api():
    api = ScriptedAPI(pages())
    yield api
    api.close()


def by_id(api: ScriptedAPI, pid: int) -> dict:
    return next(p for p in api.pages if p["id"] == pid)


def vanishes_while_building(api: ScriptedAPI, pid: int) -> None:
    """Page ``pid`` stops being public, with no removal record, after the pull and before
    verify asks the API (verify's leak check asks with ``fields=title``). Changed just
    before, it is rendered again, so verify looks it up."""
    by_id(api, pid)["title"] += " og støtte"

    def misbehave(path, query, n):
        if query.get("fields") == "title":
            api.pages[:] = [p for p in api.pages if p["id"] != pid]

    api.misbehave = misbehave


def build(api: ScriptedAPI, out, *extra: str) -> int:
    return main(["--api", api.url, "--out", str(out), "--retries", "0", *extra])


def html(out, url: str) -> str:
    return (out / url.lstrip("/") / "index.html").read_text()


def test_a_page_no_longer_public_is_taken_off_and_what_linked_to_it_rebuilt(api, tmp_path, capsys):
    out = tmp_path / "site"
    assert build(api, out, "--no-search", "-q") == 0
    assert f'href="{HOUSING}"' in html(out, "/da/arbejde/")  # listed by its section
    assert f'href="{HOUSING}"' in html(out, "/da/arbejde/skole/")  # linked from a page

    vanishes_while_building(api, 7)
    assert build(api, out, "--no-search") == 0
    log = capsys.readouterr().err
    assert (
        "warning: verify: 1 page(s) not public in the CMS (draft, private or removed) taken "
        f"off the site: {HOUSING} (page 7)"
    ) in log
    assert not (out / "da/arbejde/bolig").exists()
    for url in ("/da/arbejde/", "/da/arbejde/skole/"):
        assert HOUSING not in html(out, url)
    assert HOUSING not in (out / "sitemap.xml").read_text()
    assert main(["verify", str(out), "--api", api.url]) == 0  # the checks and the API agree

    # Neither the next build nor the pull it starts from brings it back.
    api.misbehave = lambda *_: None
    assert build(api, out, "--no-search", "-q") == 0
    assert not (out / "da/arbejde/bolig").exists()
    cached = StateFolder(out).pull()
    assert 7 not in {p["id"] for p in cached["pages"]}
    full = tmp_path / "full"
    assert build(api, full, "--no-search", "-q", "--full") == 0
    assert snapshot(out) == snapshot(full)


@pytest.mark.skipif(not HAS_PAGEFIND, reason="Pagefind is not installed (npm ci)")
def test_when_no_new_site_can_be_built_the_last_good_one_goes_out_without_the_page(
    api, tmp_path, capsys
):
    out = tmp_path / "site"
    by_id(api, 7)["body"][0]["value"] = "<p>Boligstøtte til studerende</p>"
    assert build(api, out, "-q") == 0
    assert "Boligstøtte" in fragments_text(out / "pagefind", "da")
    before = snapshot(out)

    vanishes_while_building(api, 7)
    by_id(api, 8)["title"] = "   "  # and a page verify refuses: no build can pass now
    assert build(api, out, "-q") == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1, error
    assert error[0].startswith(
        "error: verify: the last good site is published without the 1 page(s) that are not "
        f"public in the CMS ({HOUSING}), because no new site could be built without them: "
        "verify: "
    ), error[0]
    assert "/da/arbejde/skat/: no page title" in error[0]

    after = snapshot(out)
    gone = {"da/arbejde/bolig/index.html"}
    assert set(before) - set(after) - {rel for rel in before if rel.startswith("pagefind/")} == (
        gone
    )
    for rel, text in before.items():  # the rest is the last good site, as it was
        if rel not in gone and rel != "sitemap.xml" and not rel.startswith("pagefind/"):
            assert after[rel] == text, rel
    assert HOUSING not in after["sitemap.xml"].decode()
    assert "/da/arbejde/skat/" in after["sitemap.xml"].decode()
    assert "Boligstøtte" not in fragments_text(out / "pagefind", "da")
    assert "Skole" in fragments_text(out / "pagefind", "da")  # the others are still found

    # Once the other page is mended, the next build publishes, still without it.
    by_id(api, 8)["title"] = "Skat"
    api.misbehave = lambda *_: None
    assert build(api, out, "-q") == 0
    assert not (out / "da/arbejde/bolig").exists()
    assert HOUSING not in html(out, "/da/arbejde/")
