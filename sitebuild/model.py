"""Typed data passed between the stages. ``RawSite`` is what the API said; ``SitePage`` is a
page ready to render."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Locale:
    code: str
    name: str
    direction: str  # "ltr" | "rtl"
    scope: str  # "full" | "welcome"
    is_source: bool = False


@dataclass
class RawSite:
    api_url: str
    locales: list[Locale]
    pages: list[dict[str, Any]]  # API items, all fields, any page type
    generated_at: str = ""  # the API's time of the pull, for the next changed-since pull


@dataclass(frozen=True)
class Link:
    lang: str
    url: str
    title: str
    name: str = ""  # the language's own name, for the language list
    dir: str = "ltr"  # the target's text direction, for lang/dir on the link
    summary: str = ""  # plain text, for lists of pages


@dataclass
class SitePage:
    id: int
    type: str
    template: str
    lang: str
    dir: str
    url: str  # "/en/work-live/school/"
    output_path: str  # "en/work-live/school/index.html"
    title: str
    translation_key: str
    fields: dict[str, Any]
    alternates: list[Link] = field(default_factory=list)  # every language version, incl. this
    children: list[Link] = field(default_factory=list)
    breadcrumbs: list[Link] = field(default_factory=list)
    navigation: list[Link] = field(default_factory=list)
    home_url: str = "/"
    # From the API: {"state": "source" | "current" | "outdated", "source_locale", ...}
    translation: dict[str, Any] = field(default_factory=dict)
    source: Link | None = None  # the version translated from, when this one is a translation
    fields_digest: str = ""  # stands for ``fields`` in incremental digests (see transform)
    # Set instead of ``fields`` for a page whose fields were not needed yet (incremental
    # builds): ``ensure_fields`` makes them before the page is rendered.
    make_fields: Callable[[], dict[str, Any]] | None = field(default=None, repr=False)

    def ensure_fields(self) -> None:
        if self.make_fields is not None:
            self.fields, self.make_fields = self.make_fields(), None


@dataclass
class Site:
    locales: list[Locale]
    pages: list[SitePage]
    warnings: list[str] = field(default_factory=list)
    cache: dict[int, Any] = field(default_factory=dict)  # transform.Transformed by page id
    # The API items the pages were made from, by page id (partial translations left out):
    # the next run tells by identity which ones the pull replaced (see reuse.py).
    items: dict[int, dict[str, Any]] = field(default_factory=dict)
