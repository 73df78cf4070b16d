"""Stage 1, fetch: I/O only. Pulls the public API over HTTP, validates every response against
the contract and returns the raw data. Never sends credentials."""

import contextlib
import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import requests

from ..errors import FetchError
from ..model import Locale, RawSite

REQUIRED_META = ("type", "locale", "translation_key", "site_path", "translation", "translations")


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 10.0  # seconds, per request (connect and read)
    retries: int = 3  # further attempts after a failed request
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    page_size: int = 200  # the API's WAGTAILAPI_LIMIT_MAX


class ApiClient:
    def __init__(
        self,
        api_url: str,
        settings: FetchSettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_url = api_url.rstrip("/") + "/"
        self.settings = settings or FetchSettings()
        self.sleep = sleep
        self.session = requests.Session()
        # No .netrc, no proxy credentials from the environment: the build is anonymous.
        self.session.trust_env = False
        self.session.headers["Accept"] = "application/json"

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        url = urljoin(self.api_url, path)
        delay, last = self.settings.backoff, ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.sleep(delay)
                delay *= 2
            try:
                response = self.session.get(url, params=params, timeout=self.settings.timeout)
            except requests.Timeout:
                last = f"no answer within {self.settings.timeout:g} s"
                continue
            except requests.ConnectionError as exc:
                last = f"cannot connect ({_reason(exc)})"
                continue
            if response.status_code >= 500 or response.status_code == 429:
                last = f"HTTP {response.status_code}"
                continue
            return _json(response)
        raise FetchError(f"{url}: {last} after {self.settings.retries + 1} attempts")

    def listing(self, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.listing_with_meta(path, params)[0]

    def listing_with_meta(
        self, path: str, params: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Every item of a paginated listing, and the first response's ``meta``. Fails if the
        total changes between requests: then a page was published or removed mid-pull and
        the offsets have shifted."""
        items: list[dict[str, Any]] = []
        total: int | None = None
        first_meta: dict[str, Any] = {}
        while total is None or len(items) < total:
            body = self.get(
                path, {**params, "limit": self.settings.page_size, "offset": len(items)}
            )
            batch, count = _listing_body(path, body)
            first_meta = first_meta or body["meta"]
            if total is not None and count != total:
                raise FetchError(
                    f"{path}: content changed during the pull (total {total} -> {count}); "
                    "run the build again"
                )
            total = count
            if not batch and len(items) < total:
                raise FetchError(f"{path}: listing ended at {len(items)} of {total} items")
            items.extend(batch)
        return items, first_meta


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "timed out"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__


def _json(response: requests.Response) -> dict[str, Any]:
    where = response.url
    if response.status_code != 200:
        detail = ""
        with contextlib.suppress(ValueError):
            detail = f": {response.json().get('message', '')}"
        raise FetchError(f"{where}: HTTP {response.status_code}{detail}")
    if "json" not in response.headers.get("Content-Type", ""):
        raise FetchError(
            f"{where}: expected JSON, got {response.headers.get('Content-Type') or 'no type'}"
        )
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise FetchError(f"{where}: invalid JSON ({exc})") from None
    if not isinstance(body, dict):
        raise FetchError(f"{where}: expected a JSON object")
    return body


def _listing_body(path: str, body: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    meta, items = body.get("meta"), body.get("items")
    if not isinstance(meta, dict) or not isinstance(meta.get("total_count"), int):
        raise FetchError(f"{path}: response has no meta.total_count")
    if not isinstance(items, list):
        raise FetchError(f"{path}: response has no items list")
    return items, meta["total_count"]


def _check_page(item: Any) -> None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), int):
        raise FetchError(f"pages: item without an id: {str(item)[:80]}")
    meta = item.get("meta")
    missing = [key for key in REQUIRED_META if not isinstance(meta, dict) or key not in meta]
    if missing or not isinstance(item.get("title"), str):
        fields = ", ".join(missing or ["title"])
        raise FetchError(f"pages: page {item['id']} lacks {fields}")


def fetch_locales(client: ApiClient) -> list[Locale]:
    body = client.get("locales/")
    items, _ = _listing_body("locales", body)
    try:
        return [
            Locale(i["code"], i["name"], i["direction"], i["scope"], i.get("is_source", False))
            for i in items
        ]
    except (KeyError, TypeError) as exc:
        raise FetchError(f"locales: malformed item ({exc})") from None


def fetch_site(
    api_url: str,
    settings: FetchSettings | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> RawSite:
    return _pull_all(ApiClient(api_url, settings), api_url, progress)[0]


def _pull_all(client: ApiClient, api_url: str, progress) -> tuple[RawSite, str]:
    """Every public page, and the API's ``generated_at`` for a later changed-since pull."""
    locales = fetch_locales(client)
    progress(f"{len(locales)} locales")
    # One listing: the API returns every type's own fields, translation states and language
    # versions in each item, so there are no per-type or per-page requests.
    pages, meta = client.listing_with_meta("pages/", {"order": "id"})
    for item in pages:
        _check_page(item)
    progress(f"{len(pages)} pages")
    return RawSite(api_url=api_url, locales=locales, pages=pages), meta.get("generated_at", "")


# -- incremental pulls ----------------------------------------------------------------------


def pull_data(raw: RawSite) -> dict[str, Any]:
    """What the next incremental pull starts from (saved by state.py once the site built
    from ``raw`` is live)."""
    return {
        "api_url": raw.api_url,
        "generated_at": raw.generated_at,
        "locales": [dataclasses.asdict(locale) for locale in raw.locales],
        "pages": raw.pages,
    }


def fetch_changes(
    api_url: str,
    cache: dict[str, Any] | None,
    settings: FetchSettings | None = None,
    progress: Callable[[str], None] = lambda _: None,
    full: bool = False,
) -> tuple[RawSite, int]:
    """Pull only what changed since the last pull (``cache``, as ``pull_data`` made it; None
    for none), and apply it: changed pages replace their cached copies, removed ones
    (unpublished, deleted, restricted) are dropped. Returns the site and the number of changed
    or removed pages, or -1 after a full pull (no usable cache, or the merged cache disagreed
    with the API's count)."""
    client = ApiClient(api_url, settings)
    if full or cache is None or cache.get("api_url") != api_url or not cache.get("generated_at"):
        return _full(client, api_url, progress), -1
    started = client.get("pages/", {"limit": 1})
    _, total = _listing_body("pages/", started)
    changes = client.listing_with_meta(
        "pages/", {"order": "id", "changed_since": cache["generated_at"]}
    )
    items, meta = changes
    for item in items:
        _check_page(item)
    pages = {page["id"]: page for page in cache["pages"]}
    removed = {entry["id"] for entry in meta.get("removed", [])}
    for pid in removed:
        pages.pop(pid, None)
    for item in items:
        pages[item["id"]] = item
    if len(pages) != total:
        progress(f"cache has {len(pages)} pages, the API {total}: pulling everything")
        return _full(client, api_url, progress), -1
    raw = RawSite(
        api_url, fetch_locales(client), [pages[pid] for pid in sorted(pages)], meta["generated_at"]
    )
    progress(f"{len(items)} changed, {len(removed)} removed since {cache['generated_at']}")
    return raw, len(items) + len(removed)


def _full(client: ApiClient, api_url: str, progress) -> RawSite:
    raw, generated_at = _pull_all(client, api_url, progress)
    raw.generated_at = generated_at
    return raw
