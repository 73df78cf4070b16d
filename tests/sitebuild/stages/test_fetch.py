"""Fetch against a real local HTTP server: each failure gives one clear line, never a guess."""

import pytest

from sitebuild.errors import FetchError
from sitebuild.stages.fetch import FetchSettings, fetch_site

from ..scripted_api import ScriptedAPI, page

FAST = FetchSettings(timeout=1.0, retries=2, backoff=0.01, page_size=2)


@pytest.fixture
def api():
    server = ScriptedAPI([page(n) for n in range(1, 8)])
    yield server
    server.close()


def test_pulls_every_page_across_paginated_listings(api):
    raw = fetch_site(api.url, FAST)
    assert sorted(p["id"] for p in raw.pages) == list(range(1, 8))
    assert [loc.code for loc in raw.locales] == ["da", "en"]
    assert any("offset=6" in r for r in api.requests)  # four requests of two for seven pages


def test_no_credentials_are_sent_even_when_the_environment_has_some(api, monkeypatch, tmp_path):
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login secret password hunter2\n")
    monkeypatch.setenv("NETRC", str(netrc))
    fetch_site(api.url, FAST)
    assert api.headers
    assert not [h for h in api.headers if "Authorization" in h or "Cookie" in h]


def test_refused_connection(api):
    api.close()
    with pytest.raises(FetchError, match=r"cannot connect \(connection refused\) after 3 attempts"):
        fetch_site(api.url, FAST)


def test_503_on_the_third_request_of_a_listing_is_retried_then_given_up(api):
    api.misbehave = lambda path, query, n: (503, "text/plain", b"busy") if n >= 4 else None
    with pytest.raises(FetchError, match=r"HTTP 503 after 3 attempts"):
        fetch_site(api.url, FAST)


def test_a_passing_503_is_retried(api):
    api.misbehave = lambda path, query, n: (503, "text/plain", b"busy") if n == 3 else None
    assert len(fetch_site(api.url, FAST).pages) == 7


def test_truncated_json(api):
    api.misbehave = lambda path, query, n: (200, "application/json", b'{"meta": {"tot')
    with pytest.raises(FetchError, match="invalid JSON"):
        fetch_site(api.url, FAST)


def test_html_error_page_with_status_200(api):
    api.misbehave = lambda path, query, n: (200, "text/html", b"<h1>Gateway error</h1>")
    with pytest.raises(FetchError, match="expected JSON, got text/html"):
        fetch_site(api.url, FAST)


def test_slower_than_the_timeout(api):
    api.delay = 0.5
    with pytest.raises(FetchError, match=r"no answer within 0.2 s after 2 attempts"):
        fetch_site(api.url, FetchSettings(timeout=0.2, retries=1, backoff=0.01))


def test_a_page_published_between_two_paginated_requests(api):
    def publish_midway(path, query, n):
        if query.get("offset") == "2" and len(api.pages) == 7:
            api.pages.append(page(8))
        return None

    api.misbehave = publish_midway
    with pytest.raises(FetchError, match=r"content changed during the pull"):
        fetch_site(api.url, FAST)


def test_a_page_missing_contract_fields(api):
    del api.pages[3]["meta"]["translation_key"]
    with pytest.raises(FetchError, match="page 4 lacks translation_key"):
        fetch_site(api.url, FAST)


def test_http_400_reports_the_api_message(api):
    api.misbehave = lambda path, query, n: (400, "application/json", b'{"message": "bad limit"}')
    with pytest.raises(FetchError, match="HTTP 400: bad limit"):
        fetch_site(api.url, FAST)
