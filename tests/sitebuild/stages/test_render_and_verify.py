"""Pelican plugin tests in Pelican's own style: build a tiny site into a temp folder and look at
the output. Then break the output in each way verify must catch."""

import re
from pathlib import Path

import pytest

from sitebuild.errors import VerifyError
from sitebuild.stages.render import render
from sitebuild.stages.transform import transform
from sitebuild.stages.verify import verify
from tests.contract.test_urls import HOSTILE
from tests.contract.url_values import ALLOWED_URLS, REFUSED_URLS

from ..helpers import api_page, tiny_site

SITE = "https://udsyn.example"
LANGS = ["da", "en", "ar"]  # tiny_site's, in its order


@pytest.fixture
def built(tmp_path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    render(transform(tiny_site()), out, site_url=SITE)
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
    school = read(built, "da/arbejde/skole/index.html")
    assert 'hreflang="en"' not in school  # there is no English version of this page
    assert '<span aria-current="true" lang="da" dir="ltr">Dansk</span>' in school


def test_heads_name_versions_and_canonical_as_absolute_urls_with_x_default(built):
    """In the head, as search engines read it: every version and the canonical URL on the
    site's address; x-default is the language chooser on every page (the chooser names the
    home pages back); a page in one language names no versions."""

    def head(rel: str) -> list[str]:
        text = read(built, rel).split("</head>")[0]
        return re.findall(r'<link rel="(?:alternate|canonical)"[^>]*>', text)

    homes = [f'<link rel="alternate" hreflang="{lang}" href="{SITE}/{lang}/">' for lang in LANGS]
    chooser_default = f'<link rel="alternate" hreflang="x-default" href="{SITE}/">'
    for lang in LANGS:
        canonical = f'<link rel="canonical" href="{SITE}/{lang}/">'
        assert head(f"{lang}/index.html") == [canonical, *homes, chooser_default]
    assert head("index.html") == [f'<link rel="canonical" href="{SITE}/">', *homes, chooser_default]
    assert head("en/work/index.html") == [
        f'<link rel="canonical" href="{SITE}/en/work/">',
        f'<link rel="alternate" hreflang="da" href="{SITE}/da/arbejde/">',
        f'<link rel="alternate" hreflang="en" href="{SITE}/en/work/">',
        chooser_default,
    ]
    assert head("da/arbejde/skole/index.html") == [
        f'<link rel="canonical" href="{SITE}/da/arbejde/skole/">'
    ]
    four_oh_four = head("ar/404.html")
    assert four_oh_four[0] == f'<link rel="canonical" href="{SITE}/ar/404.html">'
    assert four_oh_four[-1] == chooser_default


def test_every_page_type_has_a_meta_description_in_its_language(built, tmp_path):
    def description(root: Path, rel: str) -> str:
        return re.search(r'<meta name="description" content="([^"]*)">', read(root, rel))[1]

    assert description(built, "da/arbejde/skole/index.html") == "Om skole"  # its summary
    assert description(built, "da/index.html") == "Hej"  # the welcome text, as plain text
    # A section without an introduction, the chooser, the 404 page: the site's own words.
    assert description(built, "en/work/index.html") == (
        "Information from Herning Municipality for new residents, guests and businesses."
    )
    assert description(built, "index.html") == (
        "Information fra Herning Kommune til nye borgere, gæster og virksomheder."
    )
    assert description(built, "ar/404.html") == "الصفحة التي تبحث عنها غير موجودة أو تم نقلها."
    long_intro = "<p>" + "Ein langer Satz über die Schule. " * 20 + "</p><p>Zweiter</p>"
    raw = tiny_site(
        [
            api_page(
                30, "en", "section", "long/", "Long", "k-l", audience="visit", intro=long_intro
            ),
            api_page(
                31,
                "en",
                "info",
                "long/p/",
                "P",
                "k-p",
                summary="",
                body=[
                    {"type": "heading", "value": "Heading", "id": "h"},
                    {"type": "paragraph", "value": "<p>First &amp; <b>only</b></p>", "id": "p"},
                ],
                content_owner="",
                last_reviewed="",
            ),
        ]
    )
    letter = api_page(32, "en", "home", "letter/", "Letter", "k-lt", letter="<p>Dear</p>")
    letter["meta"]["type"] = "letters.WelcomeLetterPage"
    raw.pages.append(letter)
    out = tmp_path / "other"
    out.mkdir()
    render(transform(raw), out, site_url=SITE, search=True)
    assert description(out, "en/letter/index.html") == (
        "A welcome letter from Herning Municipality to new residents, to read online or print."
    )
    cut = description(out, "en/long/index.html")
    assert cut.endswith("…") and len(cut) <= 160 and "<" not in cut and "  " not in cut
    assert cut.startswith("Ein langer Satz über die Schule. Ein langer")
    assert description(out, "en/long/p/index.html") == "First &amp; only"  # escaped once
    assert description(out, "da/search/index.html") == (
        "Søg i Herning Kommunes information på dette sprog."
    )


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
        (
            "ar/index.html",
            f'<link rel="alternate" hreflang="en" href="{SITE}/en/">',
            "",
            "not reciprocal",
        ),
        ("en/index.html", f'"ar" href="{SITE}/ar/"', f'"ar" href="{SITE}/ar/nope/"', "missing"),
        ("en/index.html", f'"ar" href="{SITE}/ar/"', f'"ar" href="{SITE}/en/"', "a en page"),
        ("en/index.html", f'"ar" href="{SITE}/ar/"', '"ar" href="/ar/"', "not an absolute URL"),
        (
            "en/index.html",
            f'"ar" href="{SITE}/ar/"',
            '"ar" href="https://elsewhere.example/ar/"',
            f"not an absolute URL on {SITE}",
        ),
        (
            "da/index.html",
            f'<link rel="alternate" hreflang="da" href="{SITE}/da/">',
            "",
            "do not name the page itself",
        ),
        (
            "en/work/index.html",
            f'<link rel="alternate" hreflang="x-default" href="{SITE}/">',
            "",
            "without x-default",
        ),
        # x-default is the language chooser, on every page.
        (
            "en/work/index.html",
            f'"x-default" href="{SITE}/"',
            f'"x-default" href="{SITE}/en/work/"',
            "not the chooser",
        ),
        (
            "en/work/index.html",
            f'"x-default" href="{SITE}/"',
            f'"x-default" href="{SITE}/x/"',
            "missing",
        ),
        # The chooser's versions are held to the same rules as every page's.
        ("index.html", f'"ar" href="{SITE}/ar/"', f'"ar" href="{SITE}/en/"', "a en page"),
        (
            "index.html",
            f'"en" href="{SITE}/en/"',
            f'"en" href="{SITE}/en/work/"',
            "/: hreflang en -> /en/work/ names other versions",
        ),
        (
            "index.html",
            f'<link rel="alternate" hreflang="ar" href="{SITE}/ar/">',
            "",
            "/: hreflang da -> /da/ names other versions",
        ),
        ("index.html", f'<link rel="canonical" href="{SITE}/">', "", 'no <link rel="canonical">'),
        (
            "en/index.html",
            f'<link rel="canonical" href="{SITE}/en/">',
            "",
            'no <link rel="canonical">',
        ),
        (
            "en/index.html",
            f'"canonical" href="{SITE}/en/"',
            '"canonical" href="/en/"',
            "not this page's absolute URL",
        ),
        (
            "en/work/index.html",
            f'"canonical" href="{SITE}/en/work/"',
            f'"canonical" href="{SITE}/en/"',
            "not this page's absolute URL",
        ),
        (
            "da/404.html",
            f'"canonical" href="{SITE}/da/404.html"',
            '"canonical" href="http://udsyn.example/da/404.html"',
            "not this page's absolute URL",
        ),
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
    assert verify(built, site_url=SITE)
    _break(built, rel, old, new)
    for site_url in (SITE, None):  # the address given, or the one the pages name
        with pytest.raises(VerifyError) as caught:
            verify(built, site_url=site_url)
        assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_verify_holds_canonical_and_hreflang_urls_to_the_site_address(built):
    with pytest.raises(VerifyError) as caught:
        verify(built, site_url="https://other.example")
    pages = {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    problems = caught.value.problems
    assert len([p for p in problems if "canonical https://udsyn.example/" in p]) == len(pages)
    assert any(
        "hreflang x-default https://udsyn.example/ is not an absolute URL on https://other.example"
        in p
        for p in problems
    )


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
    assert sitemap.count("<url>") == 7  # the pages and the chooser, not the 404s
    rows = dict(re.findall(r"<url><loc>([^<]*)</loc>(.*?)</url>", sitemap))
    homes = "".join(
        f'<xhtml:link rel="alternate" hreflang="{lang}" href="{SITE}/{lang}/"/>' for lang in LANGS
    )
    chooser = f'<xhtml:link rel="alternate" hreflang="x-default" href="{SITE}/"/>'
    assert rows[f"{SITE}/"] == rows[f"{SITE}/da/"] == rows[f"{SITE}/ar/"] == homes + chooser
    assert rows[f"{SITE}/en/work/"] == (
        f'<xhtml:link rel="alternate" hreflang="da" href="{SITE}/da/arbejde/"/>'
        f'<xhtml:link rel="alternate" hreflang="en" href="{SITE}/en/work/"/>' + chooser
    )
    assert rows[f"{SITE}/da/arbejde/skole/"] == ""  # one language: no versions to name
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


# -- Nothing executable reaches a reader: verify's last line of defence ------------------------

# Where a browser reads an attribute as a URL, one element of each kind.
URL_POSITIONS = [
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("base", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("input", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("form", "action"),
    ("button", "formaction"),
    ("video", "poster"),
    ("object", "data"),
    ("blockquote", "cite"),
    ("table", "background"),
    ("div", "manifest"),
    ("a", "ping"),
    ("svg><a", "xlink:href"),
    ("svg><use", "href"),
    ("img", "longdesc"),
    ("object", "codebase"),
]
LISTS = {"srcset", "ping"}


def _element(tag: str, attribute: str, value: str) -> str:
    """``value`` written raw into the attribute (character references are left for the
    parser to decode, as a browser does; only the quote is escaped)."""
    opening = tag.split("<")[-1]
    closing = "" if opening == tag else "</svg>"
    written = value.replace('"', "&quot;")
    return f'<{tag} {attribute}="{written}"></{opening}>{closing}'


def _problems_with(built: Path, markup: str) -> list[str]:
    """Verify's problems once ``markup`` is in the Danish home page's text."""
    path = built / "da/index.html"
    text = path.read_text(encoding="utf-8")
    assert "<p>Hej</p>" in text
    path.write_text(text.replace("<p>Hej</p>", f"<p>Hej</p>{markup}", 1), encoding="utf-8")
    try:
        verify(built)
    except VerifyError as error:
        return error.problems
    return []


@pytest.mark.parametrize(("tag", "attribute"), URL_POSITIONS, ids=[a for _, a in URL_POSITIONS])
def test_verify_refuses_every_url_attribute_that_fails_the_rule(built, tag, attribute):
    refused = [v for v in REFUSED_URLS if v.strip()]
    markup = "".join(_element(tag, attribute, value) for value in refused)
    here = [p for p in _problems_with(built, markup) if f" {attribute}> " in p]
    # One problem per element; a list attribute may find more than one URL in a value.
    if attribute in LISTS:
        assert len(here) >= len(refused)
    else:
        assert len(here) == len(refused), here[:3]
    assert all(p.startswith("/da/: ") for p in here)


@pytest.mark.parametrize(("tag", "attribute"), URL_POSITIONS, ids=[a for _, a in URL_POSITIONS])
def test_verify_lets_every_url_the_rule_allows_through(built, tag, attribute):
    allowed = [v for v in ALLOWED_URLS if not (attribute in LISTS and " " in v.strip())]
    markup = "".join(_element(tag, attribute, value) for value in allowed)
    assert [p for p in _problems_with(built, markup) if f" {attribute}> " in p] == []


EVENTS = ["onclick", "onload", "onerror", "onmouseover", "onfocus", "ontoggle", "onbegin"]


@pytest.mark.parametrize(
    "markup",
    [
        *(f'<p {event}="x()">t</p>' for event in EVENTS),
        '<P ONCLICK="x()">t</P>',
        '<svg><animate onbegin="x()"/></svg>',
        '<img src="/static/css/site.css" onerror="x()">',
    ],
)
def test_verify_refuses_event_handler_attributes(built, markup):
    assert any("event-handler" in p for p in _problems_with(built, markup))


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<script type="module">import("/x.js")</script>',
        '<script type="application/ld+json">{}</script>',
        "<SCRIPT>alert(1)</SCRIPT>",
        "<svg><script>alert(1)</script></svg>",
        '<script src="/static/js/search.js">alert(1)</script>',
        "<script></script>",
        '<script src=""></script>',
    ],
)
def test_verify_refuses_inline_scripts(built, markup):
    assert any("inline <script>" in p for p in _problems_with(built, markup))


def test_scripts_from_files_on_the_site_pass(tmp_path):
    built = tmp_path / "site"
    built.mkdir()
    render(transform(tiny_site()), built, site_url="https://udsyn.example", search=True)
    search = (built / "da/search/index.html").read_text("utf-8")
    assert '<script src="/pagefind/pagefind-ui.js" defer></script>' in search
    (built / "pagefind").mkdir()
    (built / "pagefind/pagefind-ui.js").write_text("")  # Pagefind's own, written by search
    verify(built)
    markup = '<script src="/static/css/site.css" defer></script>'
    assert not [p for p in _problems_with(built, markup) if "script" in p]


@pytest.mark.parametrize("value", HOSTILE[::7])
def test_verify_refuses_script_urls_in_any_other_attribute(built, value):
    written = value.replace('"', "&quot;")
    markup = (
        f'<div data-url="{written}">t</div>'
        f'<svg><a href="/da/"><animate attributeName="href" to="{written}"/>'
        f'<set attributeName="href" values="/da/;{written}"/></a></svg>'
        f'<iframe srcdoc="&lt;b&gt;x&lt;/b&gt;"></iframe>'
        f'<meta http-equiv="refresh" content="0; url={written}">'
    )
    problems = _problems_with(built, markup)
    for where in ("<div data-url>", "<animate to>", "<set values>", "srcdoc", "refresh"):
        assert any(where in p for p in problems), (where, problems)


def test_text_attributes_may_begin_like_a_scheme(built):
    """A summary or a label that begins "Data:" is words, not an address."""
    markup = '<p title="Data: om dig" aria-label="JavaScript: hvorfor">t</p><img alt="data:">'
    _break(built, "da/index.html", "<title>", '<meta name="description" content="Data: x"><title>')
    assert _problems_with(built, markup) == []
