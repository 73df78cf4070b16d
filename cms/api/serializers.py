"""Assembling API items from stored documents, and the snippet serializer for contacts."""

import json
from typing import Any

from rest_framework.fields import Field
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError

from cms.localisation.states import PageFacts, states_for

from .models import PageDocument

ALWAYS = ("id", "meta", "title")


def parse_fields(raw: str | None, available: set[str]) -> set[str] | None:
    """``fields=*`` or absent: everything. Otherwise a comma-separated list of field names."""
    if raw is None or raw.strip() in ("", "*"):
        return None
    wanted = {name.strip() for name in raw.split(",")}
    if "" in wanted:  # as Wagtail's parser: "title,,id" and "title," are mistakes
        raise BadRequestError(f"fields error: an empty field name in {raw!r}")
    if unknown := wanted - available - set(ALWAYS):
        raise BadRequestError(
            f"unknown field(s): {', '.join(sorted(unknown))}; "
            f"available: {', '.join(sorted(available))}"
        )
    return wanted


def page_items(ids: list[int], versions: list[tuple], fields: set[str] | None) -> list[str]:
    """The documents of ``ids`` in that order, as JSON text, each with its translation state
    and the list of its public language versions. ``versions`` holds (id, translation key,
    locale, last published) for every public version of those pages, the pages themselves
    included. A constant number of queries, however many items."""
    facts = [PageFacts(pid, str(key), locale, at) for pid, key, locale, at in versions]
    keys = {fact.id: fact.translation_key for fact in facts}
    states = states_for(facts)
    by_key: dict[str, list[dict[str, Any]]] = {}
    for pid, key, locale, _ in versions:
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
        extra = {
            "translation": states[pid].as_api() if pid in states else None,
            "translations": by_key.get(str(keys[pid]), []),
        }
        if fields is None:
            items.append(splice_meta(documents[pid], extra))
        else:
            document = json.loads(documents[pid])
            document = {k: v for k, v in document.items() if k in ALWAYS or k in fields}
            document["meta"] = {**extra, **document["meta"]}
            items.append(dumps(document))
    return items


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


META_OPEN = '"meta":{'


def splice_meta(document: str, extra: dict[str, Any]) -> str:
    """Insert keys at the start of a stored document's ``meta`` object without decoding and
    re-encoding the whole page: documents are written by ``documents.store`` with compact
    separators and ``meta`` right after ``id``, so the marker is unambiguous."""
    at = document.index(META_OPEN) + len(META_OPEN)
    return f"{document[:at]}{dumps(extra)[1:-1]},{document[at:]}"


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
