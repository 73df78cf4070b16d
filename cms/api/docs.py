"""docs/api.md: the API contract, with example responses made from the demo content.

``python manage.py api_docs`` rewrites the file; a test runs the same code against a fresh demo
database and fails if the file differs, so the examples cannot drift from the API. Values that
differ between databases (ids, UUIDs, timestamps, host names) are renumbered in a stable way
that keeps their order: an outdated translation still shows a source change after it."""

import json
import re
from pathlib import Path
from typing import Any

from django.test import Client
from wagtail.images.models import Image
from wagtail.models import Page

from cms.contacts.models import Contact

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
TEMPLATE = Path(__file__).resolve().parent / "docs_template.md"
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PAGE_ID_IN_HTML = re.compile(r'data-page-id=\\?"(\d+)')


class Normaliser:
    def __init__(self) -> None:
        # Ids by tree position (pages) and by name (contacts): the same in any database.
        self.pages = {
            pid: n
            for n, pid in enumerate(
                Page.objects.order_by("path").values_list("id", flat=True), start=1
            )
        }
        self.contacts = {
            cid: 500 + n
            for n, cid in enumerate(
                Contact.objects.order_by("locale__language_code", "name").values_list(
                    "id", flat=True
                )
            )
        }
        self.images = {
            iid: 900 + n
            for n, iid in enumerate(
                Image.objects.order_by("title", "file").values_list("id", flat=True), start=1
            )
        }
        self.paths = {
            path: f"{n:08d}"
            for n, path in enumerate(
                Page.objects.order_by("path").values_list("path", flat=True), start=1
            )
        }
        self.uuids: dict[str, str] = {}
        self.times: list[str] = []

    def collect(self, text: str) -> None:
        self.times.extend(TIMESTAMP.findall(text))

    def _uuid(self, match: re.Match) -> str:
        value = match.group()
        if value not in self.uuids:
            self.uuids[value] = f"00000000-0000-4000-8000-{len(self.uuids) + 1:012d}"
        return self.uuids[value]

    def value(self, value: Any, key: str = "", kind: str = "page") -> Any:
        if isinstance(value, dict):
            if "phone" in value and "email" in value:
                kind = "contact"
            elif "renditions" in value:
                kind = "image"
            return {k: self.value(v, k, kind) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v, key, kind) for v in value]
        if key == "position":
            return self.paths.get(value, value)
        if isinstance(value, int) and key in ("id", "parent_id"):
            ids = {"contact": self.contacts, "image": self.images}.get(kind, self.pages)
            return ids.get(value, value)
        if isinstance(value, str):
            value = PAGE_ID_IN_HTML.sub(
                lambda m: m.group().replace(m.group(1), str(self.pages.get(int(m.group(1)), 0))),
                value,
            )
            value = UUID.sub(self._uuid, value)
            value = re.sub(r"https?://[^/\"]+/", "https://cms.example/", value)
            # Storage may suffix a file name to keep it unique ("name_a1B2c3D.png").
            value = re.sub(r"(/media/\S+?)_[A-Za-z0-9]{7}(?=\.)", r"\1", value)
            value = re.sub(r"/(contacts|images)/(\d+)/", self._detail_url, value)
        return value

    def _detail_url(self, match: re.Match) -> str:
        ids = self.contacts if match.group(1) == "contacts" else self.images
        return f"/{match.group(1)}/{ids.get(int(match.group(2)), 0)}/"

    def timestamps(self, text: str) -> str:
        order = {t: n for n, t in enumerate(sorted(set(self.times)))}
        return TIMESTAMP.sub(
            lambda m: (
                f"2026-11-02T09:{order[m.group()] // 60:02d}:{order[m.group()] % 60:02d}+00:00"
            ),
            text,
        )


def _shorten(body: Any, items: int) -> Any:
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return {**body, "items": body["items"][:items]}
    return body


def render(client: Client | None = None) -> str:
    """The whole of docs/api.md, from the template and live responses."""
    client = client or Client(HTTP_HOST="localhost")
    normaliser = Normaliser()
    examples: dict[str, str] = {}
    template = TEMPLATE.read_text(encoding="utf-8")
    for name, url, items in re.findall(r"\{\{example (\S+) (\S+) (\d+)\}\}", template):
        response = client.get(url)
        body = _shorten(response.json(), int(items)) if response.content else None
        text = json.dumps(normaliser.value(body), ensure_ascii=False, indent=2)
        normaliser.collect(text)
        examples[name] = (
            f"GET {url}\n\nHTTP {response.status_code}\n"
            f"Content-Type: {response['Content-Type']}\n\n",
            text,
        )
    for name, (head, text) in examples.items():
        examples[name] = head + normaliser.timestamps(text)

    def example(match: re.Match) -> str:
        return "```http\n" + examples[match.group(1)] + "\n```"

    return re.sub(r"\{\{example (\S+) \S+ \d+\}\}", example, template)
