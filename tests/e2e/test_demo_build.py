"""End to end: the CMS with the demo content, served over real HTTP by Django's live server,
pulled and rendered by the build CLI with Pelican."""

import html
import re
from pathlib import Path

import pytest

from sitebuild.cli import main

pytestmark = pytest.mark.e2e

SEED = Path(__file__).resolve().parents[2] / "cms" / "demo" / "seed"
LANGS = ["da", "en", "de", "zh-hans", "ar", "ru", "es", "fr"]


def text(path: Path) -> str:
    """The file's text with entities resolved and no-break spaces (the seed has some) plain."""
    return html.unescape(path.read_text(encoding="utf-8")).replace("\xa0", " ")


def html_tag(path: Path) -> str:
    return re.search(r"<html[^>]*>", path.read_text(encoding="utf-8")).group()


def test_demo_content_builds_into_a_static_site(demo, live_server, tmp_path):
    out = tmp_path / "site"
    assert main(["--api", f"{live_server.url}/api/v2/", "--out", str(out), "-q"]) == 0

    for lang in LANGS:
        home = out / lang / "index.html"
        assert home.is_file(), lang
        expected_dir = "rtl" if lang == "ar" else "ltr"
        assert html_tag(home) == f'<html lang="{lang}" dir="{expected_dir}">'

    seed = text(SEED / "international-strategy-2012.txt")
    vision_en = text(out / "en/international-strategy/vision/index.html")
    assert "We are known for opinions and actions with an international outlook" in vision_en
    assert "We are known for opinions and actions" in seed
    assert (out / "da/international-strategi/vision/index.html").is_file()
    citizen = text(out / "en/international-strategy/citizen/index.html")
    assert "the libraries provide the citizens" in citizen
    assert "Hvorfor" not in citizen

    # The partial German translation is a draft: not built. The outdated one is.
    assert not (out / "de/besuch/internationale-veranstaltungen").exists()
    assert (out / "en/work-live/moving-to-herning/index.html").is_file()
    # The language chooser at the root links every language's home page.
    root = (out / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'href="/{lang}/"' in root


def test_a_newer_draft_never_reaches_the_built_site(demo, live_server, tmp_path):
    from wagtail.models import Page

    page = Page.objects.get(url_path="/da/arbejde-og-bo/indskriv-dit-barn-i-skole/").specific
    page.title = "UDKAST – ikke godkendt"
    page.summary = "Hemmelig kladdetekst"
    page.save_revision()
    out = tmp_path / "site"
    assert main(["--api", f"{live_server.url}/api/v2/", "--out", str(out), "-q"]) == 0
    built = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "Indskriv dit barn i skole" in built
    assert "UDKAST" not in built
    assert "Hemmelig kladdetekst" not in built


def test_unreachable_api_fails_with_one_line_and_leaves_the_site(tmp_path, capsys):
    out = tmp_path / "site"
    (out / "en").mkdir(parents=True)
    (out / "en" / "index.html").write_text("the last good site", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    code = main(
        [
            "--api",
            "http://127.0.0.1:9/api/v2/",
            "--out",
            str(out),
            "-q",
            "--retries",
            "1",
            "--timeout",
            "2",
        ]
    )

    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: fetch:") and "cannot connect" in err[0]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging left behind


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_incremental_builds_follow_publishing_and_match_a_full_build(
    demo, live_server, tmp_path, capsys
):
    from wagtail.models import Page

    api = f"{live_server.url}/api/v2/"
    out = tmp_path / "site"
    assert main(["--api", api, "--out", str(out)]) == 0
    capsys.readouterr()

    school = Page.objects.get(url_path="/en/work-live/enrol-your-child-in-school/").specific
    school.title = "Enrolling your child at school"
    school.save_revision().publish()
    Page.objects.get(url_path="/da/besoeg/saadan-kommer-du-hertil/").specific.unpublish()
    assert main(["--api", api, "--out", str(out), "--max-drop", "0.5"]) == 0
    log = capsys.readouterr().err
    assert "removed since" in log
    rendered = int(log.split("[render] ")[2].split()[0])
    assert 0 < rendered < 15  # the changed pages and those that show them, not all 56

    page = (out / "en/work-live/enrol-your-child-in-school/index.html").read_text()
    assert "Enrolling your child at school" in page
    assert not (out / "da/besoeg/saadan-kommer-du-hertil").exists()

    full = tmp_path / "full"
    assert main(["--api", api, "--out", str(full), "--full", "-q"]) == 0
    assert snapshot(full) == snapshot(out)


def test_every_demo_page_is_valid_html5_and_honest_about_translations(demo, live_server, tmp_path):
    import html5lib

    out = tmp_path / "site"
    assert main(["--api", f"{live_server.url}/api/v2/", "--out", str(out), "-q"]) == 0
    parser = html5lib.HTMLParser(strict=True)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        try:
            parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as exc:
            raise AssertionError(f"{page.relative_to(out)}: {exc}") from None

    def status(rel: str) -> str:
        return re.search(
            r'name="udsyn:translation-status" content="(\w+)"', (out / rel).read_text()
        ).group(1)

    moving_en = (out / "en/work-live/moving-to-herning/index.html").read_text()
    assert status("en/work-live/moving-to-herning/index.html") == "outdated"
    assert "the original page was changed on" in moving_en and "2026" in moving_en
    assert 'href="/da/arbejde-og-bo/flyt-til-herning/" hreflang="da" lang="da"' in moving_en
    assert status("de/arbeiten-leben/umzug-nach-herning/index.html") == "current"
    assert status("da/arbejde-og-bo/flyt-til-herning/index.html") == "source"
    for page in pages:  # every page says where it stands
        assert status(str(page.relative_to(out))) in (
            "source",
            "current",
            "outdated",
            "partial",
        ), page
    # Published with unconfirmed machine text, or with Danish text by an approver's choice: on
    # the site, and saying so, with the way to the original.
    labelled = {
        "machine": "Teile dieser Seite wurden maschinell übersetzt",
        "untranslated": "Teile dieser Seite sind noch nicht übersetzt",
    }
    flagged = {
        kind: [p for p in pages if text in p.read_text(encoding="utf-8")]
        for kind, text in labelled.items()
    }
    assert [str(p.relative_to(out)) for p in flagged["machine"]] == [
        "de/wirtschaft/export-und-wirtschaftsservice/index.html"
    ]
    assert [str(p.relative_to(out)) for p in flagged["untranslated"]] == [
        "de/besuch/anreise/index.html"
    ]
    assert status("de/besuch/anreise/index.html") == "partial"
    arrival = (out / "de/besuch/anreise/index.html").read_text()
    assert 'href="/da/besoeg/saadan-kommer-du-hertil/" hreflang="da" lang="da"' in arrival
    getting_here = (out / "en/visit/getting-here/index.html").read_text()
    assert '<a href="/de/besuch/anreise/" hreflang="de"' in getting_here  # a version
    # The partial German "events" translation: not on the site, and not offered as a version.
    events_en = (out / "en/visit/international-events/index.html").read_text()
    assert 'hreflang="de"' not in events_en
    assert not (out / "de/besuch/internationale-veranstaltungen").exists()
