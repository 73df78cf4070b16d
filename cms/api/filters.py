"""Filters of the public pages endpoint, each a small DRF filter backend like Wagtail's own.
Bad values are HTTP 400 with a JSON message, never a 404 or a 500."""

import datetime
import uuid

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from cms.localisation.models import SourceChange

from .models import PageDocument


class LocaleFilter(BaseFilterBackend):
    """``?locale=en``. Unlike Wagtail's, an unknown locale is a bad request, not "not found"."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is None:
            return queryset
        if not Locale.objects.filter(language_code=code).exists():
            known = ", ".join(Locale.objects.values_list("language_code", flat=True))
            raise BadRequestError(f"unknown locale {code!r}; known locales: {known}")
        return queryset.filter(locale__language_code=code)


def parse_keys(raw: str) -> list[uuid.UUID]:
    try:
        return [uuid.UUID(key.strip()) for key in raw.split(",") if key.strip()]
    except ValueError:
        raise BadRequestError("translation_key must be a comma-separated list of UUIDs") from None


class TranslationKeyFilter(BaseFilterBackend):
    """``?translation_key=k1,k2``: every language version of a set of pages in one call."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("translation_key")
        if raw is None:
            return queryset
        return queryset.filter(translation_key__in=parse_keys(raw))


MAX_ID = 2**31 - 1  # a page id is a 32-bit integer in every database


class IdsFilter(BaseFilterBackend):
    """``?ids=3,8,21``: these pages, those of them that are public, in one call. The build
    asks it whether the pages it re-rendered are still public (sitebuild/leaks.py), instead
    of one detail request per page. At most a listing's page size of ids."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("ids")
        if raw is None:
            return queryset
        try:
            ids = {int(part) for part in raw.split(",") if part.strip()}
        except ValueError:
            raise BadRequestError("ids must be a comma-separated list of page ids") from None
        if any(not 0 < pid <= MAX_ID for pid in ids):
            # Out of range, the database driver would raise: a 500, not an empty answer.
            raise BadRequestError(f"ids must be page ids from 1 to {MAX_ID}")
        most = settings.WAGTAILAPI_LIMIT_MAX
        if len(ids) > most:
            raise BadRequestError(f"ids takes at most {most} page ids per request")
        return queryset.filter(id__in=ids)


def parse_timestamp(raw: str, name: str = "changed_since"):
    try:
        value = parse_datetime(raw.strip().replace(" ", "+"))
    except ValueError:  # well-formed but impossible, e.g. month 13
        value = None
    if value is None:
        raise BadRequestError(
            f"{name} must be an ISO 8601 timestamp, e.g. 2026-11-26T12:00:00Z; got {raw!r}"
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


class ChangedSinceFilter(BaseFilterBackend):
    """``?changed_since=<ISO 8601>``: pages whose document or translation state changed after
    the timestamp. Removals since then are listed in the response's ``meta.removed``."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("changed_since")
        if raw is None:
            return queryset
        since = parse_timestamp(raw)
        # A translation's state changes when its source's text changes or it is re-synced.
        keys = set(
            SourceChange.objects.filter(changed_at__gt=since).values_list(
                "translation_key", flat=True
            )
        ) | set(
            TranslationSource.objects.filter(last_updated_at__gt=since).values_list(
                "object_id", flat=True
            )
        )
        # So are the other language versions of a page that changed or left: their lists of
        # versions ("meta.translations") changed with it.
        keys |= set(
            PageDocument.objects.filter(updated_at__gt=since).values_list(
                "translation_key", flat=True
            )
        ) | {removal.translation_key for removal in view.removed_since(since)}
        return queryset.filter(Q(api_document__updated_at__gt=since) | Q(translation_key__in=keys))
