"""Every way the API can fail, end to end through the CLI: one clear line on stderr, exit 1,
and the previously published site byte-identical. Against a real local HTTP server."""

import pytest

from sitebuild.cli import main
from sitebuild.stages import search

from .scripted_api import ScriptedAPI, page
from .test_cli import snapshot


def html_error(path, query, n):
    return 200, "text/html; charset=utf-8", b"<html><body>Gateway error</body></html>"


def refuse(api):
    api.close()


FAILURES = {
    "refused": (refuse, None, "cannot connect (connection refused)"),
    # Request 1 is /locales/; 2, 3 and 4 are the listing's pages at offsets 0, 2 and 4.
    "503 on the third page of the listing": (
        None,
        lambda path, query, n: (503, "text/plain", b"busy") if n >= 4 else None,
        "HTTP 503 after 2 attempts",
    ),
    "truncated JSON": (
        None,
        lambda path, query, n: (200, "application/json", b'{"meta": {"total_'),
        "invalid JSON",
    ),
    "HTML error page with 200": (None, html_error, "expected JSON, got text/html"),
    "slower than the timeout": (
        lambda api: setattr(api, "delay", 1.5),
        None,
        "no answer within 1 s",
    ),
}


@pytest.fixture
def site(tmp_path):
    out = tmp_path / "site"
    (out / "da").mkdir(parents=True)
    (out / "da" / "index.html").write_text("<!doctype html><p>the last good site</p>")
    return out


@pytest.mark.parametrize("failure", list(FAILURES))
def test_api_failures_leave_the_published_site(site, tmp_path, capsys, failure):
    setup, misbehave, message = FAILURES[failure]
    api = ScriptedAPI([page(n) for n in range(1, 6)])
    if setup:
        setup(api)
    if misbehave:
        api.misbehave = misbehave
    before = snapshot(site)
    try:
        code = main(
            [
                "--api",
                api.url,
                "--out",
                str(site),
                "-q",
                "--retries",
                "1",
                "--timeout",
                "1",
                "--page-size",
                "2",
            ]
        )
    finally:
        api.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and err[0].startswith("error: fetch:"), err
    assert message in err[0]
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_page_published_mid_pull_fails_the_build(site, capsys):
    api = ScriptedAPI([page(n) for n in range(1, 6)])

    def publish_midway(path, query, n):
        if query.get("offset") == "2" and len(api.pages) == 5:
            api.pages.append(page(6))

    api.misbehave = publish_midway
    before = snapshot(site)
    try:
        code = main(["--api", api.url, "--out", str(site), "-q", "--page-size", "2"])
    finally:
        api.close()
    assert code == 1
    assert "content changed during the pull" in capsys.readouterr().err
    assert snapshot(site) == before


HAS_PAGEFIND = search.installed()


@pytest.mark.skipif(not HAS_PAGEFIND, reason="Pagefind is not installed (npm ci)")
@pytest.mark.parametrize(
    "left",
    [
        pytest.param([], id="no pages"),
        pytest.param([1, 2], id="only the home pages"),
        pytest.param([2, 4, 6, 8, 10], id="no Danish pages"),
    ],
)
def test_an_api_that_suddenly_serves_far_fewer_pages_fails_at_the_page_count(
    tmp_path, capsys, left
):
    """Before search indexing: Pagefind, given no pages of a language, failed with its own
    error (or the build with a missing file) instead of saying what happened."""
    api = ScriptedAPI([page(n) for n in range(1, 11)])
    out = tmp_path / "site"
    try:
        assert main(["--api", api.url, "--out", str(out), "-q"]) == 0
        before = snapshot(out)
        api.pages = [p for p in api.pages if p["id"] in left]
        code = main(["--api", api.url, "--out", str(out)])
    finally:
        api.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith("error: verify: "), err[-1]
    assert "/da/: " in err[-1] and "down from 7 (more than 25%)" in err[-1]
    assert "[search]" not in "\n".join(err)  # refused before indexing
    assert snapshot(out) == before
