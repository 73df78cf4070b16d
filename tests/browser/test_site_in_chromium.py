"""The built demo site in a real browser (Debian's Chromium, driven by Playwright): no axe-core
violations of WCAG 2.1 A/AA on the home, an audience and an information page in every language,
a visible keyboard focus, everything readable without JavaScript, and the screenshots the
README shows."""

import re
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = [
    "/",
    *(f"/{lang}/" for lang in ("da", "en", "de", "zh-hans", "ar", "ru", "es", "fr")),
    "/da/arbejde-og-bo/",
    "/da/arbejde-og-bo/indskriv-dit-barn-i-skole/",
    "/en/work-live/",
    "/en/work-live/enrol-your-child-in-school/",
    "/en/work-live/moving-to-herning/",  # the outdated translation, with its notice
    "/de/arbeiten-leben/",
    "/de/arbeiten-leben/ihr-kind-in-der-schule-anmelden/",
    "/en/international-strategy/citizen/",
    "/de/willkommensbrief/",
    "/ar/404.html",
]


@pytest.fixture
def browser():
    if not AXE.exists():
        pytest.fail("axe-core is installed by ./scripts/test; run it once")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def test_no_accessibility_violations_in_any_language(site, browser):
    page = browser.new_page()
    found = {}
    for path in PAGES:
        assert page.goto(site + path).ok, path
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
        )
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            found.setdefault(path, []).append(f"{violation['id']}: {targets}")
        assert result["passes"], f"axe checked nothing on {path}"
    assert found == {}


def test_keyboard_focus_is_visible_and_the_skip_link_comes_first(site, browser):
    page = browser.new_page()
    page.goto(site + "/en/work-live/enrol-your-child-in-school/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const el = document.activeElement, style = getComputedStyle(el);
                   const box = el.getBoundingClientRect();
                   return {cls: el.className, outline: style.outlineStyle, top: box.top,
                           height: box.height, href: el.getAttribute('href')}; }"""
    )
    assert focused["cls"] == "skip-link" and focused["href"] == "#main"
    assert focused["outline"] != "none"
    assert focused["top"] >= 0 and focused["height"] > 0  # on screen when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_every_page_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("/", "/ar/", "/de/arbeiten-leben/ihr-kind-in-der-schule-anmelden/"):
        page.goto(site + path)
        assert page.locator("h1").first.is_visible()
        assert page.evaluate("document.scripts.length") == 0
    context.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("da", "skole", "/da/arbejde-og-bo/indskriv-dit-barn-i-skole/"),
        ("de", "Schule", "/de/arbeiten-leben/ihr-kind-in-der-schule-anmelden/"),
        ("zh-hans", "学校", "/zh-hans/"),  # Pagefind's extended build segments Chinese
    ],
)
def test_search_finds_pages_in_the_readers_language(site, browser, lang, query, expected):
    page = browser.new_page()
    page.goto(f"{site}/{lang}/search/")
    page.fill(".pagefind-ui__search-input", query)
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=15000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    assert expected in links
    assert all(link.startswith(f"/{lang}/") for link in links)  # one index per language


def test_search_without_javascript_says_where_else_to_look(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/en/search/")
    assert "can also be found through the menu" in page.locator("main").inner_text()
    context.close()


def test_arabic_is_mirrored(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/ar/")
    heading = page.locator("h1").bounding_box()
    english = browser.new_page(viewport={"width": 1280, "height": 900})
    english.goto(site + "/en/")
    # Right-aligned in Arabic, left-aligned in English, from the same logical-property CSS.
    assert heading["x"] + heading["width"] > 1280 / 2 > english.locator("h1").bounding_box()["x"]


def test_screenshots_of_the_home_page(site, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("da", "en", "ar", "zh-hans"):
        for device, (width, height) in (("desktop", (1280, 900)), ("phone", (390, 844))):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{site}/{lang}/")
            target = SCREENSHOTS / f"home-{lang}-{device}.png"
            page.screenshot(path=str(target))
            assert target.stat().st_size > 5000


def test_the_welcome_letter_prints_on_a4_without_cut_off_text(site, browser, tmp_path):
    page = browser.new_page(viewport={"width": 643, "height": 900})  # A4 less 2 x 20 mm margins
    page.goto(f"{site}/de/willkommensbrief/")
    page.emulate_media(media="print")
    layout = page.evaluate(
        """() => ({
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            menu: getComputedStyle(document.querySelector('.languages')).display,
            letter: document.querySelector('.letter').innerText,
        })"""
    )
    assert layout["overflow"] <= 0  # nothing wider than the paper
    assert layout["menu"] == "none"  # the print stylesheet leaves out the site's chrome
    assert "Mit freundlichen Grüßen" in layout["letter"] and "Der Bürgermeister" in layout["letter"]
    pdf = tmp_path / "willkommensbrief.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1  # one A4 sheet
