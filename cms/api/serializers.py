"""Assembling API items from stored documents, and the snippet serializer for contacts."""

import json
from types import SimpleNamespace
from typing import Any

from rest_framework.fields import Field
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError

from cms.localisation.states import states_for

from .models import PageDocument

ALWAYS = ("id", "meta", "title")


def parse_fields(raw: str | None, available: set[str]) -> set[str] | None:
    """``fields=*`` or absent: everything. Otherwise a comma-separated list of field names."""
    if raw is None or raw.strip() in ("", "*"):
        return None
    wanted = {name.strip() for name in raw.split(",") if name.strip()}
    if unknown := wanted - available - set(ALWAYS):
        raise BadRequestError(
            f"unknown field(s): {', '.join(sorted(unknown))}; "
            f"available: {', '.join(sorted(available))}"
        )
    return wanted


def page_items(
    ids: list[int], versions: list[tuple[int, str, str]], fields: set[str] | None
) -> list[dict[str, Any]]:
    """The documents of ``ids`` in that order, each with its translation state and the list of
    its public language versions. ``versions`` is (page id, translation key, locale) of every
    public version of those pages. A constant number of queries, however many items."""
    version_ids = {pid for pid, _, _ in versions} | set(ids)
    rows = PageDocument.objects.filter(page_id__in=version_ids).values(
        "page_id", "locale_code", "translation_key", "last_published_at"
    )
    facts = [
        SimpleNamespace(
            id=r["page_id"],
            locale_code=r["locale_code"],
            translation_key=r["translation_key"],
            last_published_at=r["last_published_at"],
        )
        for r in rows
    ]
    states = states_for(facts)
    by_key: dict[str, list[dict[str, Any]]] = {}
    for pid, key, locale in versions:
        if pid in states:
            by_key.setdefault(str(key), []).append(
                {"id": pid, "locale": locale, "state": states[pid].state}
            )
    documents = dict(
        PageDocument.objects.filter(page_id__in=ids).values_list("page_id", "document")
    )
    items = []
    for pid in ids:
        if pid not in documents:
            continue  # live but never published through Wagtail's publish action
        document = json.loads(documents[pid])
        if fields is not None:
            document = {k: v for k, v in document.items() if k in ALWAYS or k in fields}
        meta = document["meta"]
        meta["translation"] = states[pid].as_api() if pid in states else None
        meta["translations"] = by_key.get(meta["translation_key"], [])
        items.append(document)
    return items


class LocaleCodeField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, obj):
        return obj.locale.language_code


class TranslationKeyField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, obj):
        return str(obj.translation_key)


class ContactSerializer(BaseSerializer):
    locale = LocaleCodeField(read_only=True)
    translation_key = TranslationKeyField(read_only=True)
