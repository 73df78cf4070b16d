"""netlify.toml: the deploy's build, headers and redirects, parsed and checked rule by rule,
and its redirects tried against a real build with Netlify's own engine (tests/netlify_engine.mjs:
Netlify's parser and matcher from npm, as `netlify dev` chains them)."""

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from cms.languages import LANGUAGES
from sitebuild.model import Locale, RawSite
from sitebuild.stages.render import render
from sitebuild.stages.transform import transform

from .sitebuild.helpers import api_page

ROOT = Path(__file__).resolve().parents[1]
NETLIFY_TOML = ROOT / "netlify.toml"
ENGINE = Path(__file__).with_name("netlify_engine.mjs")
CONFIG = tomllib.loads(NETLIFY_TOML.read_text())


def headers_for(path: str) -> dict[str, str]:
    return next(h["values"] for h in CONFIG["headers"] if h["for"] == path)


def test_build_command_and_publish_folder():
    assert CONFIG["build"]["publish"] == "build/site"
    command = CONFIG["build"]["command"]
    assert command.startswith("./scripts/build build --api")
    assert "$UDSYN_API_URL" in command and "--out build/site" in command


def test_security_headers_on_every_response():
    values = headers_for("/*")
    csp = dict(
        (part.split()[0], part.split()[1:])
        for part in values["Content-Security-Policy"].split("; ")
    )
    assert csp["default-src"] == ["'self'"]
    # Only this origin, plus what Pagefind's WebAssembly search needs.
    assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    for directive in ("style-src", "img-src", "font-src", "connect-src"):
        assert all(source in ("'self'", "data:") for source in csp[directive]), directive
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert "max-age=63072000" in values["Strict-Transport-Security"]
    assert "includeSubDomains" in values["Strict-Transport-Security"]
    assert values["X-Content-Type-Options"] == "nosniff"
    assert values["Referrer-Policy"] == "strict-origin-when-cross-origin"
    for feature in ("camera=()", "geolocation=()", "microphone=()"):
        assert feature in values["Permissions-Policy"]


def test_root_language_redirect_only_at_the_root():
    language = [r for r in CONFIG["redirects"] if "conditions" in r]
    assert {r["to"] for r in language} == {f"/{lang.code}/" for lang in LANGUAGES}
    assert all(r["from"] == "/" and r["status"] == 302 for r in language)
    zh = next(r for r in language if r["to"] == "/zh-hans/")
    assert "zh" in zh["conditions"]["Language"]


def test_a_404_page_per_language():
    not_found = {r["from"]: r["to"] for r in CONFIG["redirects"] if r["status"] == 404}
    for lang in LANGUAGES:
        assert not_found[f"/{lang.code}/*"] == f"/{lang.code}/404.html"
    assert not_found["/*"] == "/en/404.html"


# ---- Netlify's engine against a real build -------------------------------------------------

CODES = [lang.code for lang in LANGUAGES]
# Regional variants and scripts browsers send, by the folder they belong to.
VARIANTS = {
    "da": ["da-DK"],
    "en": ["en-GB", "en-US", "en-DK"],
    "de": ["de-AT", "de-CH", "de-DE"],
    "zh-hans": ["zh", "zh-CN", "zh-SG", "zh-Hans", "zh-Hans-CN", "zh-cn"],
    "ar": ["ar-EG", "ar-SA", "ar-SY"],
    "ru": ["ru-RU", "ru-UA"],
    "es": ["es-ES", "es-MX", "es-419"],
    "fr": ["fr-FR", "fr-CA", "fr-BE"],
}


def accept_languages(code: str) -> list[str]:
    """Accept-Language headers whose first language is ``code``'s, as browsers send them:
    the bare tag, regional variants, q-values and a lower-ranked other language."""
    other = "da" if code != "da" else "en"
    tags = [code.split("-")[0] if code != "zh-hans" else "zh", *VARIANTS[code]]
    headers = []
    for tag in tags:
        headers += [tag, f"{tag};q=0.9, {other};q=0.8", f"{tag},{other};q=0.5"]
    base = tags[0]
    headers.append(f"{VARIANTS[code][0]},{base};q=0.9,en-US;q=0.8,en;q=0.7")  # Chrome's form
    return headers


# Languages we do not have: the chooser. Netlify weighs only the first language, so a reader
# who prefers Dutch and also reads German gets the chooser, and chooses there.
NOT_OURS = ["ja", "ja-JP", "pt", "pt-BR", "ko", "nl", "sv-SE", "*", "nl, de;q=0.8", "tr;q=0.9"]


def _site(out: Path) -> Path:
    """A real build with a home page in every language, a section and a page in the languages
    that carry the information, and a Danish-only page."""
    locales = [Locale(lang.code, lang.name, lang.direction, lang.scope) for lang in LANGUAGES]
    locales[0] = Locale("da", "Dansk", "ltr", "full", True)
    pages, pid = [], 0
    for lang in LANGUAGES:
        pid += 1
        pages.append(api_page(pid, lang.code, "home", "", f"Home {lang.code}", "k-home"))
        if lang.scope == "full":
            pid += 1
            pages.append(
                api_page(pid, lang.code, "section", f"s-{lang.code}/", "S", "k-s", intro="")
            )
            pid += 1
            pages.append(
                api_page(pid, lang.code, "info", f"s-{lang.code}/i/", "I", "k-i", summary="x")
            )
    pages.append(api_page(99, "da", "info", "s-da/kun-dansk/", "Kun dansk", "k-da", summary="y"))
    raw = RawSite(api_url="http://cms.invalid/api/v2/", locales=locales, pages=pages)
    out.mkdir()
    render(transform(raw), out, site_url="https://udsyn.example")
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not shutil.which("node") or not (ROOT / "node_modules" / "@netlify" / "redirects").is_dir():
        pytest.fail("Node.js and Netlify's engine (npm) are installed by ./scripts/test; run it")
    return _site(tmp_path_factory.mktemp("netlify") / "site")


def ask(site: Path, requests: list[tuple[str, str | None]]) -> list[dict]:
    """What Netlify's engine answers to each (path, Accept-Language or None)."""
    batch = [
        {"path": path, "headers": {} if lang is None else {"accept-language": lang}}
        for path, lang in requests
    ]
    result = subprocess.run(
        ["node", str(ENGINE), str(NETLIFY_TOML), str(site)],
        input=json.dumps(batch),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr  # also: netlify.toml's syntax errors
    return json.loads(result.stdout)


def chooser(site: Path) -> str:
    return (site / "index.html").read_text(encoding="utf-8")


def test_the_root_sends_every_language_we_have_to_its_home(site):
    asked = [(code, header) for code in CODES for header in accept_languages(code)]
    answers = ask(site, [("/", header) for _, header in asked])
    wrong = {
        header: (a["status"], a["location"] or a["file"])
        for (code, header), a in zip(asked, answers, strict=True)
        if (a["status"], a["location"]) != (302, f"/{code}/")
    }
    assert wrong == {}
    assert len(asked) > 100


def test_the_root_shows_the_chooser_for_languages_we_do_not_have(site):
    for header, answer in zip(NOT_OURS, ask(site, [("/", h) for h in NOT_OURS]), strict=True):
        assert (answer["status"], answer["location"], answer["file"]) == (200, None, "/"), header
        assert answer["body"] == chooser(site), header


def test_without_accept_language_netlify_takes_english(site):
    # Netlify's engine treats a request without the header as English ("en", its default),
    # so it gets /en/, not the chooser. Pinned here so that a change in the engine shows.
    [answer] = ask(site, [("/", None)])
    assert (answer["status"], answer["location"]) == (302, "/en/")


def _site_paths(site: Path) -> list[str]:
    paths = []
    for file in sorted(site.rglob("*")):
        if file.is_file() and "pagefind" not in file.parts:
            rel = file.relative_to(site).as_posix()
            paths.append("/" + (rel.removesuffix("index.html") if rel.endswith(".html") else rel))
    return [p for p in paths if p != "/"]


def test_no_path_but_the_root_is_ever_redirected(site):
    """Every file of the build, for readers of every language and of none: the file itself."""
    paths = [*_site_paths(site), "/index.html"]  # the chooser, for anyone who asks for it
    headers = ["da", "de-AT", "zh-CN", "ar-EG", "ja", "*", None]
    asked = [(path, header) for path in paths for header in headers]
    wrong = []
    for (path, header), answer in zip(asked, ask(site, asked), strict=True):
        rel = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
        expected = (site / rel).read_text(encoding="utf-8") if rel.endswith(".html") else None
        if answer["status"] != 200 or answer["location"] or answer["file"] != path:
            wrong.append((path, header, answer["status"], answer["location"]))
        elif expected is not None and answer["body"] != expected:
            wrong.append((path, header, "another file"))
    assert wrong == []
    assert len(paths) > 25  # 8 homes and 404 pages, sections, pages, sitemap, CSS


LINK = re.compile(r"<a [^>]*href=\"([^\"]*)\"")


def test_a_visible_choice_always_wins(site):
    """The chooser's links and every language list's links go straight to the language chosen,
    whatever the browser prefers; and no visible link goes to "/", where Accept-Language would
    decide instead of the reader."""
    pages = [p for p in site.rglob("*.html")]
    choices, to_root = set(), []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lists = re.findall(
            r'<nav class="languages".*?</nav>|<ul class="language-choice">.*?</ul>', text, re.S
        )
        assert lists, page
        for block in lists:
            choices.update(LINK.findall(block))
        to_root += [page for href in LINK.findall(text) if href == "/"]
    assert to_root == []
    assert {f"/{code}/" for code in CODES} <= choices
    asked = [(href, header) for href in sorted(choices) for header in ("ja", "de", "ar-EG", None)]
    wrong = [
        (href, header, answer["status"], answer["location"])
        for (href, header), answer in zip(asked, ask(site, asked), strict=True)
        if (answer["status"], answer["file"]) != (200, href)
    ]
    assert wrong == []


def test_unknown_paths_get_the_404_page_of_their_language(site):
    asked, expected = [], []
    for code in CODES:
        for path in (f"/{code}/nope/", f"/{code}/s-{code}/nope", f"/{code}/a/b/c.html"):
            for header in ("da", "ja", None):  # the path's language, not the reader's
                asked.append((path, header))
                expected.append(code)
    for path in ("/nope/", "/xx/", "/favicon.ico", "/DE/"):
        asked.append((path, "de"))
        expected.append("en")
    for (path, header), answer, code in zip(asked, ask(site, asked), expected, strict=True):
        # Netlify answers a rewrite with the rule's status; the local engine leaves that to its
        # caller and says which rule applied.
        assert answer["rule"] == {"status": 404, "to": f"/{code}/404.html", "force": False}, path
        assert answer["file"] == f"/{code}/404.html", (path, header)
        assert answer["body"] == (site / code / "404.html").read_text(encoding="utf-8")
