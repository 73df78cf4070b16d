"""netlify.toml: the deploy's build, headers and redirects, parsed and checked rule by rule."""

import tomllib
from pathlib import Path

from cms.languages import LANGUAGES

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / "netlify.toml").read_text())


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
