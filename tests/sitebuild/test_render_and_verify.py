"""Pelican plugin tests in Pelican's own style: build a tiny site into a temp folder and look at
the output. Then break the output in each way verify must catch."""

import re
from pathlib import Path

import pytest

from sitebuild.errors import VerifyError
from sitebuild.render import render
from sitebuild.transform import transform
from sitebuild.verify import verify

from .helpers import api_page, tiny_site


@pytest.fixture
def built(tmp_path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    render(transform(tiny_site()), out, site_url="https://udsyn.example")
    return out


def read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def test_every_page_is_written_with_lang_dir_and_title(built):
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("index.html")) == [
        "ar/index.html",
        "da/arbejde/index.html",
        "da/arbejde/skole/index.html",
        "da/index.html",
        "en/index.html",
        "en/work/index.html",
        "index.html",
    ]
    assert '<html lang="ar" dir="rtl">' in read(built, "ar/index.html")
    assert "<title>Skole – Herning Kommune</title>" in read(built, "da/arbejde/skole/index.html")
    assert (built / "static/css/site.css").is_file()


def test_interface_strings_come_from_the_po_files(built):
    assert "Gå til hovedindhold" in read(built, "da/index.html")
    assert "Skip to main content" in read(built, "en/index.html")
    assert "انتقل إلى المحتوى الرئيسي" in read(built, "ar/index.html")


def test_language_list_offers_only_existing_versions_with_hreflang(built):
    home = read(built, "en/index.html")
    assert '<a href="/da/" hreflang="da" lang="da" dir="ltr">Dansk</a>' in home
    assert '<a href="/ar/" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in home
    assert '<link rel="alternate" hreflang="ar" href="/ar/">' in home
    school = read(built, "da/arbejde/skole/index.html")
    assert 'hreflang="en"' not in school  # there is no English version of this page
    assert '<span aria-current="true" lang="da" dir="ltr">Dansk</span>' in school


def test_autoescape_is_on(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    sneaky = api_page(
        9, "en", "section", "x/", "<script>alert(1)</script>", "k-x", audience="visit", intro=""
    )
    render(transform(tiny_site([sneaky])), out)
    page = read(out, "en/x/index.html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_good_build_verifies(built):
    assert "/da/arbejde/skole/" in verify(built)


def _break(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text or old == ""
    path.write_text(
        re.sub(re.escape(old), new, text, count=1) if old else new + text, encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        ("en/index.html", ' lang="en"', "", "no lang"),
        ("ar/index.html", ' dir="rtl"', "", "no valid dir"),
        (
            "da/index.html",
            "<title>Velkommen – Herning Kommune</title>",
            "<title></title>",
            "empty <title>",
        ),
        ("en/work/index.html", 'href="/en/"', 'href="/en/nowhere/"', "does not resolve"),
        (
            "en/index.html",
            'href="/static/css/site.css"',
            'href="/static/css/gone.css"',
            "does not resolve",
        ),
        ("da/index.html", "<p>Hej</p>", '<p><a linktype="page" id="3">Hej</a></p>', "left over"),
        ("da/index.html", "<p>Hej</p>", "<p>{{ page.title }}</p>", "left over"),
        ("ar/index.html", '<link rel="alternate" hreflang="en" href="/en/">', "", "not reciprocal"),
        ("en/index.html", 'hreflang="ar" href="/ar/"', 'hreflang="ar" href="/ar/nope/"', "missing"),
        (
            "da/index.html",
            "<p>Hej</p>",
            '<p>Hej</p><script src="https://cdn.example/track.js"></script>',
            "another host",
        ),
        (
            "en/index.html",
            '<link rel="stylesheet" href="/static/css/site.css">',
            '<link rel="stylesheet" href="https://fonts.example/css?family=X">',
            "another host",
        ),
        (
            "ar/index.html",
            "<p>أهلا</p>",
            '<p><img src="//pixel.example/p.gif" alt=""></p>',
            "another host",
        ),
        ("en/index.html", 'href="#main"', 'href="#top"', "no skip link"),
        ("da/index.html", '<nav class="languages"', '<nav class="other"', "no language list"),
    ],
)
def test_verify_refuses_broken_output(built, rel, old, new, message):
    _break(built, rel, old, new)
    with pytest.raises(VerifyError) as caught:
        verify(built)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_verify_refuses_a_large_drop_in_pages_per_language(built, tmp_path):
    previous = tmp_path / "previous"
    previous.mkdir()
    render(
        transform(
            tiny_site(
                [
                    api_page(
                        20 + n,
                        "en",
                        "section",
                        f"s{n}/",
                        f"S{n}",
                        f"k{n}",
                        audience="visit",
                        intro="",
                    )
                    for n in range(4)
                ]
            )
        ),
        previous,
    )
    with pytest.raises(VerifyError, match="down from"):
        verify(built, previous=previous, max_drop=0.25)
    assert verify(built, previous=previous, max_drop=0.9)


def test_a_404_page_in_each_language_sitemap_and_robots(built):
    page = read(built, "da/404.html")
    assert '<html lang="da" dir="ltr">' in page and "Siden blev ikke fundet" in page
    assert '<html lang="ar" dir="rtl">' in read(built, "ar/404.html")
    sitemap = read(built, "sitemap.xml")
    assert "<loc>https://udsyn.example/en/work/</loc>" in sitemap
    assert 'hreflang="da"' in sitemap and 'hreflang="ar"' in sitemap
    assert sitemap.count("<url>") == 6  # the pages, not the 404s or the chooser
    assert "Sitemap: https://udsyn.example/sitemap.xml" in read(built, "robots.txt")


def test_every_page_says_its_translation_status(built):
    assert '<meta name="udsyn:translation-status" content="source">' in read(built, "da/index.html")


def test_an_outdated_translation_says_so_and_links_the_original(tmp_path):
    stale = api_page(12, "en", "section", "old/", "Old", "k-work", audience="visit", intro="")
    raw = tiny_site()
    raw.pages = [p for p in raw.pages if p["id"] != 5] + [stale]
    stale["meta"]["translation"] = {
        "state": "outdated",
        "source_locale": "da",
        "source_last_changed_at": "2026-11-20T10:00:00+00:00",
    }
    out = tmp_path / "site"
    out.mkdir()
    render(transform(raw), out)
    page = read(out, "en/old/index.html")
    assert '<meta name="udsyn:translation-status" content="outdated">' in page
    assert "the original page was changed on 20 November 2026" in page
    assert '<a href="/da/arbejde/" hreflang="da" lang="da" dir="ltr">Arbejde</a>' in page
    assert "may be out of date" not in read(out, "en/index.html")


def test_a_welcome_only_home_leads_on_to_the_information_languages(built):
    arabic = read(built, "ar/index.html")
    lead_on = arabic.split('id="more-heading"')[1].split("</nav>")[0]
    assert "تتوفر معلومات إضافية بهذه اللغات" in lead_on
    assert '<a href="/en/" hreflang="en" lang="en" dir="ltr">English</a>' in lead_on
    assert 'href="/da/"' not in lead_on  # the source language carries it, but is not "more"
    assert "More information is available" not in read(built, "da/index.html")


def test_verify_holds_pages_to_the_weight_budget(built):
    assert verify(built, max_page_bytes=15 * 1024)
    with pytest.raises(VerifyError, match=r"bytes of HTML and CSS, over the 5,000-byte budget"):
        verify(built, max_page_bytes=5000)
