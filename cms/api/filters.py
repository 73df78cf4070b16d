"""Filters of the public pages endpoint, each a small DRF filter backend like Wagtail's own.
Bad values are HTTP 400 with a JSON message, never a 404 or a 500."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.filters import BaseFilterBackend
from taggit.managers import TaggableManager
from wagtail.api.v2.utils import BadRequestError, parse_boolean
from wagtail.fields import StreamField
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
    return in_utc(value, name, raw)


def in_utc(value: datetime.datetime, name: str, raw: str) -> datetime.datetime:
    """Databases store UTC: 0001-01-01T00:00+01:00 parses but has no UTC (a 500 in the query)."""
    try:
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise BadRequestError(f"{name} is out of range: {raw!r}") from None


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


OWN_FILTERS = {"locale", "translation_key"}  # parameters with a filter of their own
EXPECTED = {  # what a filter value of these fields must be, for the error message
    models.DateTimeField: "a date and time, e.g. 2026-11-26T12:00:00Z",
    models.DateField: "a date, e.g. 2026-11-26",
    models.TimeField: "a time, e.g. 12:00",
    models.UUIDField: "a UUID",
    models.DecimalField: "a number",
    models.FloatField: "a number",
}


def integer_range(field: models.Field) -> tuple[int, int]:
    """The range of an integer column, the same in every database Django supports (SQLite
    would take 64 bits, PostgreSQL not); ids start at 1."""
    low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    return (1 if field.primary_key else low), high


def invalid(name: str, raw: str, expected: str) -> BadRequestError:
    return BadRequestError(
        f"field filter error. {raw!r} is not a valid value for {name} (expected {expected})"
    )


def filter_value(field, name: str, raw: str):
    """``raw`` as a value of ``field``, or a BadRequestError naming the parameter: every value
    that reaches the database is one its column can hold."""
    if not field.concrete or field.many_to_many:
        raise BadRequestError(f"cannot filter by {name}")
    if isinstance(field, models.BooleanField):
        try:
            return parse_boolean(raw)
        except ValueError:
            raise invalid(name, raw, "'true' or 'false'") from None
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, (models.IntegerField, models.AutoField)):
        low, high = integer_range(target)
        sign, digits = ("-", raw[1:]) if raw.startswith("-") else ("", raw)
        if not (digits.isascii() and digits.isdigit()) or not low <= int(raw) <= high:
            raise invalid(name, raw, f"an integer from {low} to {high}")
        return int(sign + digits)
    if isinstance(target, StreamField):
        return raw  # compared as stored JSON text; any text is a value
    try:
        value = target.to_python(raw)
    except ValidationError:
        kind = next((text for cls, text in EXPECTED.items() if isinstance(target, cls)), None)
        raise invalid(name, raw, kind or f"a {target.get_internal_type()}") from None
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):  # as Django reads it, without its warning
            value = timezone.make_aware(value, timezone.get_default_timezone())
        value = in_utc(value, name, raw)
    if target.choices and value not in {choice for choice, _ in target.flatchoices}:
        choices = ", ".join(str(choice) for choice, _ in target.flatchoices)
        raise invalid(name, raw, f"one of {choices}")
    if isinstance(value, str) and target.max_length and len(value) > target.max_length:
        raise invalid(name, raw[:20] + "…", f"at most {target.max_length} characters")
    return value


class FieldsFilter(BaseFilterBackend):
    """Wagtail's ``?<field>=value`` filters (wagtail.api.v2.filters.FieldsFilter), each value
    checked against its model field first: a malformed or impossible value (a date that does
    not exist, an integer no column holds, a choice the field does not have, more characters
    than it takes) is a 400 naming the parameter, not a database error. ``locale`` and
    ``translation_key`` have filters of their own (contacts: ``translation_key=k1,k2``)."""

    def filter_queryset(self, request, queryset, view):
        names = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, raw in request.GET.items():
            if name not in names - OWN_FILTERS:
                continue
            field = queryset.model._meta.get_field(name)
            if isinstance(field, TaggableManager):
                for tag in raw.split(","):
                    queryset = queryset.filter(**{f"{name}__name": tag})
                queryset._filtered_by_tag = True  # Wagtail's SearchFilter refuses to combine
            else:
                queryset = queryset.filter(**{name: filter_value(field, name, raw)})
        return queryset
