"""Part of verify: nothing reaches the public site that the API does not publish, checked
independently of fetch.

Fetch decides what is rendered. A bug there, or an incremental cache that missed an unpublish or
a new view restriction, would put a draft, private or restricted page on the public site, and
nothing else in the pipeline would notice. So before publishing, verify asks the API again,
anonymously and afresh, about every page in the output. Each page rendered from the CMS names its
page id in ``<meta name="udsyn:page-id">``; the only other HTML files allowed are the build's own
utility pages (the root language chooser, each language's 404 and search page).

- Full builds: one listing of every public page (titles only), and every page file must be one
  of them, at the URL the API gives it.
- Incremental builds, which must stay fast: re-rendered files are looked up by id (``?ids=``, up
  to 200 a request), and carried-over files against the API's removal feed since the last check (a
  page removed and published again since is looked up afresh).

Pages the API does not publish at all raise ``LeakError``, and the build takes them off the
site (withdraw.py): privacy comes before keeping the last good site. What was checked is kept
as a ``LeakState`` beside the site, saved only once the site it describes is published."""

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError, FetchError, VerifyError
from ..paths import file_of, html_urls, item_url, list_files
from .fetch import ApiClient

PAGE_ID = re.compile(rb'<meta name="udsyn:page-id" content="(\d+)">')
UTILITY = re.compile(r"/|/[a-z]{2}(-[a-z]+)?/(404\.html|search/)")
LOOKUPS = 4  # concurrent requests in an incremental check
IDS_PER_REQUEST = 200  # the API's limit for ?ids= (cms/api/filters.py)
HEAD_BYTES = 4096  # the meta sits in <head>; reading the whole of 8,000 pages is not needed


class LeakError(VerifyError):
    """The output has pages the API does not publish at all (drafts, private or removed
    pages): ``pages`` maps their URLs to their page ids. The build takes them off the site
    (withdraw.py) rather than keep serving the last good site with them."""

    def __init__(self, problems: list[str], pages: dict[str, int]) -> None:
        super().__init__(problems)
        self.pages = pages


@dataclass
class LeakState:
    checked_at: str  # the API's clock (meta.generated_at) when the check began
    pages: dict[str, int] = field(default_factory=dict)  # URL -> page id

    @classmethod
    def from_dict(cls, data: object) -> "LeakState | None":
        """The state ``as_dict`` gave; None for anything else (the next check is a full one)."""
        try:
            return cls(str(data["checked_at"]), {k: int(v) for k, v in data["pages"].items()})
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def as_dict(self) -> dict:
        return {"checked_at": self.checked_at, "pages": dict(sorted(self.pages.items()))}


def page_id(root: Path, url: str) -> int | None:
    with open(root / file_of(url), "rb") as file:
        match = PAGE_ID.search(file.read(HEAD_BYTES))
    return int(match.group(1)) if match else None


def check(
    root: Path,
    client: ApiClient,
    previous: LeakState | None = None,
    carried: Iterable[str] | None = None,
    files: Iterable[str] | None = None,
) -> LeakState:
    """Check the site in ``root``. ``carried`` lists the URLs carried over unchanged from the
    published site that ``previous`` describes; None for a full check. ``files``: every file
    in ``root`` as a relative path, if the caller has listed them already (verify has).
    Raises VerifyError listing every page the API does not publish there."""
    urls = html_urls(list_files(root) if files is None else files)
    try:
        if previous is None or carried is None:
            return _full(root, client, urls)
        return _incremental(root, client, previous, set(carried), urls)
    except FetchError as exc:
        # Not knowing is not passing: without the API's word the site is not published.
        raise BuildError(f"verify: cannot check the output against the API: {exc}") from None


def _ids(root: Path, urls: Iterable[str], problems: list[str]) -> dict[str, int]:
    found = {}
    for url in urls:
        pid = page_id(root, url)
        if pid is not None:
            found[url] = pid
        elif not UTILITY.fullmatch(url):
            problems.append(f"{url}: not a page of the CMS (no udsyn:page-id) nor a utility page")
    return found


def _full(root: Path, client: ApiClient, urls: list[str]) -> LeakState:
    items, meta = client.listing_with_meta("pages/", {"fields": "title"})
    public = {item["id"]: item_url(item) for item in items}
    problems: list[str] = []
    found = _ids(root, urls, problems)
    for url, pid in found.items():
        problems += _mismatch(url, pid, public.get(pid))
    _refuse(problems, {url: pid for url, pid in found.items() if pid not in public})
    return LeakState(str(meta.get("generated_at", "")), found)


def _incremental(
    root: Path, client: ApiClient, previous: LeakState, unchanged: set[str], urls: list[str]
) -> LeakState:
    problems: list[str] = []
    carried = {u: previous.pages[u] for u in urls if u in previous.pages and u in unchanged}
    found = {**carried, **_ids(root, [u for u in urls if u not in carried], problems)}
    feed = client.get(
        "pages/", {"changed_since": previous.checked_at, "limit": 1, "fields": "title"}
    )["meta"]
    removed = {entry["id"] for entry in feed.get("removed", [])}
    ask = [(url, pid) for url, pid in sorted(found.items()) if url not in carried or pid in removed]
    public = _public_urls(client, sorted({pid for _, pid in ask}))
    for url, pid in ask:
        problems += _mismatch(url, pid, public.get(pid))
    _refuse(problems, {url: pid for url, pid in ask if pid not in public})
    return LeakState(str(feed.get("generated_at", previous.checked_at)), found)


def _public_urls(client: ApiClient, ids: list[int]) -> dict[int, str]:
    """Where the API publishes each of ``ids`` now; those it does not publish are left out.
    One listing per ``IDS_PER_REQUEST`` pages, a few at a time: a detail request per page
    was a fifth of a one-page build, and a new section title, which re-renders a language's
    1,000 pages, would have waited for 1,000 answers."""
    chunks = [ids[n : n + IDS_PER_REQUEST] for n in range(0, len(ids), IDS_PER_REQUEST)]

    def ask(chunk: list[int]) -> list[dict]:
        return client.listing("pages/", {"ids": ",".join(map(str, chunk)), "fields": "title"})

    with ThreadPoolExecutor(max_workers=LOOKUPS) as pool:
        return {item["id"]: item_url(item) for items in pool.map(ask, chunks) for item in items}


def _refuse(problems: list[str], not_public: dict[str, int]) -> None:
    if not_public:
        raise LeakError(problems, not_public)
    if problems:
        raise VerifyError(problems)


def _mismatch(url: str, pid: int, public_url: str | None) -> list[str]:
    if public_url is None:
        return [f"{url}: page {pid} is not public in the CMS (draft, private or removed)"]
    if public_url != url:
        return [f"{url}: page {pid} belongs at {public_url}"]
    return []
