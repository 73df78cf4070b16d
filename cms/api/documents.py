"""Building, storing and removing the API documents of pages (see models.PageDocument)."""

import datetime
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .models import PageDocument, PageRemoval
from .richtext import to_api_html


def page_type(page: Page) -> str:
    return f"{page._meta.app_label}.{type(page).__name__}"


def site_path(page: Page) -> str:
    """The page's path below its language's home page ("" for the home page itself)."""
    parts = [part for part in page.url_path.split("/") if part]
    return "/".join(parts[1:]) + ("/" if len(parts) > 1 else "")


def _iso(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _contact_ids(value: Any) -> set[int]:
    """Contact ids embedded by ContactBlock representations."""
    found: set[int] = set()
    if isinstance(value, dict):
        if value.get("type") == "contact" and isinstance(value.get("value"), dict):
            found.add(value["value"]["id"])
        for item in value.values():
            found |= _contact_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _contact_ids(item)
    return found


def build_document(page: Page, parent_id: int | None = None) -> dict[str, Any]:
    """``parent_id`` saves a query when the caller knows it (bulk loads)."""
    page = page.specific
    fields: dict[str, Any] = {}
    for api_field in page.api_fields:
        field = page._meta.get_field(api_field.name)
        value = getattr(page, api_field.name)
        if isinstance(field, StreamField):
            value = field.stream_block.get_api_representation(value, context={})
        elif isinstance(field, RichTextField):
            value = to_api_html(value)
        fields[api_field.name] = _iso(value)
    if parent_id is None and page.depth > 2:
        parent_id = page.get_parent().id
    return {
        "id": page.id,
        "meta": {
            "type": page_type(page),
            "locale": page.locale.language_code,
            "translation_key": str(page.translation_key),
            "slug": page.slug,
            "site_path": site_path(page),
            "parent_id": parent_id if page.depth > 2 else None,
            "position": page.path,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "first_published_at": _iso(page.first_published_at),
            "last_published_at": _iso(page.last_published_at),
        },
        "title": page.title,
        **fields,
    }


def row_values(page: Page, parent_id: int | None = None) -> dict[str, Any]:
    """The PageDocument columns for a page (``parent_id`` as in build_document)."""
    document = build_document(page, parent_id=parent_id)
    refs = _contact_ids(document)
    return {
        "locale_code": document["meta"]["locale"],
        "translation_key": page.translation_key,
        "last_published_at": page.last_published_at,
        "updated_at": timezone.now(),
        "expire_at": page.expire_at,
        "site_path": document["meta"]["site_path"],
        "contact_refs": "".join(f",{i}" for i in sorted(refs)) + ("," if refs else ""),
        "document": json.dumps(document, ensure_ascii=False, separators=(",", ":")),
    }


def store(page: Page) -> PageDocument:
    obj, _ = PageDocument.objects.update_or_create(page_id=page.id, defaults=row_values(page))
    return obj


def store_subtree(page: Page) -> int:
    """Rebuild the documents of a page's live descendants (their paths follow its slug)."""
    count = 0
    for descendant in page.get_descendants().live().specific():
        store(descendant)
        count += 1
    return count


@transaction.atomic
def remove(pages: list[Page], reason: str) -> None:
    now = timezone.now()
    PageRemoval.objects.bulk_create(
        PageRemoval(
            page_id=p.id,
            locale_code=p.locale.language_code,
            translation_key=p.translation_key,
            reason=reason,
            removed_at=now,
        )
        for p in pages
    )
    PageDocument.objects.filter(page_id__in=[p.id for p in pages]).delete()


def rebuild_all() -> int:
    """Build the documents of every live page and drop those of pages no longer live."""
    live = Page.objects.live().filter(depth__gt=1).specific()
    count = 0
    for page in live:
        store(page)
        count += 1
    PageDocument.objects.exclude(page__live=True).delete()
    return count
