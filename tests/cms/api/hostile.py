"""Hostile requests for every endpoint of the public API, generated from the endpoints' own
query parameters and fields (Wagtail's router, each endpoint's known parameters, the page
models' ``api_fields``): a field or parameter added later is covered without editing this file.

Every request here is wrong in exactly one way (a value, a path, a method), so the only right
answer is a 4xx with a JSON message. ``cases()`` needs Django set up."""

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from wagtail.models import Page, get_page_models

NUL = "\x00"
HUGE = "99999999999999999999"  # more than any database integer
OVERLONG = 5000  # characters: more than any query parameter needs

BAD_INTEGERS = {
    "huge": HUGE,
    "negative huge": f"-{HUGE}",
    "negative": "-1",
    "float": "1.5",
    "exponent": "1e3",
    "empty": "",
    "word": "ten",
    "arabic-indic digits": "\u0661\u0662",
    "fullwidth digits": "\uff11\uff12",
    "padded": " 5",
    "plus sign": "+5",
    "underscore": "5_0",
    "overlong": "9" * OVERLONG,
}
# Out of range for any database: 0001-01-01 in UTC is in year 0, 9999-12-31 in year 10000.
BAD_DATETIMES = {
    "word": "yesterday",
    "empty": "",
    "no such day": "2026-02-30T12:00:00Z",
    "month 13": "2026-13-01T00:00:00Z",
    "year 99999": "99999-01-01T00:00:00Z",
    "before year 1 in UTC": "0001-01-01T00:00:00+01:00",
    "after year 9999 in UTC": "9999-12-31T23:59:59-14:00",
}


@dataclass(frozen=True)
class Case:
    path: str  # below /api/v2/, with its query string
    kind: str  # the class of input, for failure messages
    method: str = "GET"

    def __str__(self) -> str:
        shown = self.path if len(self.path) < 100 else f"{self.path[:90]}…({len(self.path)})"
        return f"{self.method} /api/v2/{shown} [{self.kind}]"


def query(*pairs: tuple[str, str]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def values_cases(path: str, name: str, values: dict[str, str], prefix=()) -> list[Case]:
    return [Case(f"{path}?{query(*prefix, (name, v))}", f"{name}: {k}") for k, v in values.items()]


def integer_range(field: models.Field) -> tuple[int, int]:
    """The column's range, the same in every database Django supports; ids start at 1."""
    low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    return (1 if field.primary_key else low), high


def bad_field_values(field) -> dict[str, str]:
    """Values a ``?<field>=`` filter cannot take, by the model field's type."""
    values = {"NUL": f"a{NUL}b"}
    if field is None or not field.concrete or field.many_to_many:
        return {**values, "not a column": "1"}  # reverse relations are not filters
    if isinstance(field, models.BooleanField):
        return {**values, "maybe": "maybe", "empty": "", "capitalised": "True"}
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, (models.IntegerField, models.AutoField)):
        low, high = integer_range(target)
        values |= {"above its column": str(high + 1), "below its column": str(low - 1)}
        picked = ("huge", "negative huge", "float", "word", "empty", "arabic-indic digits")
        return values | {k: BAD_INTEGERS[k] for k in picked}
    if isinstance(target, models.DateTimeField):
        return values | BAD_DATETIMES
    if isinstance(target, models.DateField):
        days = {"word": "x", "empty": "", "no such day": "2026-02-30", "year 0": "0000-01-01"}
        return values | days
    if isinstance(target, models.UUIDField):
        return values | {"word": "not-a-uuid", "empty": ""}
    if target.choices:
        values["not a choice"] = "not-a-choice"
    if isinstance(target, models.CharField) and target.max_length:
        values["longer than its column"] = "x" * (target.max_length + 1)
    return values


def filter_cases(path: str, model, names, prefix=()) -> list[Case]:
    out = []
    for name in names:
        if name in ("locale", "translation_key"):
            continue  # parameters with filters of their own: see extra_parameters
        try:
            field = model._meta.get_field(name)
        except models.FieldDoesNotExist:
            field = None
        out += values_cases(path, name, bad_field_values(field), prefix)
    return out


def common_parameters() -> dict[str, dict[str, str]]:
    return {
        "offset": BAD_INTEGERS,
        "limit": {**BAD_INTEGERS, "above LIMIT_MAX": str(settings.WAGTAILAPI_LIMIT_MAX + 1)},
        "fields": {
            "unknown": "title,colour",
            "syntax": "title,(",
            "unclosed": "a(b(c",
            "deep nesting": "a(" * 600 + ")" * 600,
            "empty item": "title,,id",
            "star then field": "*,title",
            "overlong": "x" * OVERLONG,
        },
        "order": {
            "unknown": "colour",
            "dash": "-",
            "double dash": "--id",
            "random and field": "random,id",
            "empty item": "id,,title",
        },
        "search": {"word": "school", "empty": ""},
    }


def extra_parameters(known) -> dict[str, dict[str, str]]:
    """Bad values of the parameters an endpoint has beyond the common ones."""
    picked = ("huge", "negative", "float", "empty", "word", "arabic-indic digits", "plus sign")
    tree = {**{k: BAD_INTEGERS[k] for k in picked}, "zero": "0", "no such page": "2147483646"}
    extra: dict[str, dict[str, str]] = {
        "locale": {"unknown": "xx", "empty": "", "overlong": "d" * OVERLONG},
        "translation_key": {"word": "x", "one bad": "00000000-0000-0000-0000-000000000000,x"},
        "ids": {
            "word": "3,x",
            "huge": HUGE,
            "zero": "0",
            "too many": ",".join(str(i) for i in range(1, settings.WAGTAILAPI_LIMIT_MAX + 2)),
        },
        "changed_since": BAD_DATETIMES,
        "type": {
            "unknown": "nope.Nothing",
            "not a page": "auth.User",
            "three parts": "a.b.c",
            "one bad of two": "information.InformationPage,nope.Nope",
        },
        "site": {"no such site": "nowhere.example", "bad port": "localhost:abc"},
        "rich_text_format": {"unknown": "nope"},
        "format": {"unknown": "xml"},
        **{name: tree for name in ("child_of", "descendant_of", "ancestor_of", "translation_of")},
    }
    return {name: values for name, values in extra.items() if name in known}


def request_cases(path: str, valid: tuple[str, str] | None) -> list[Case]:
    """Wrong on any endpoint: NUL, unknown, repeated and too many parameters."""
    most = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    out = [
        Case(f"{path}?{query(('colour', 'blue'))}", "unknown parameter"),
        Case(f"{path}?{query(('çölöür', '1'))}", "unknown unicode parameter"),
        Case(f"{path}?%FF%FE=1", "parameter name not UTF-8"),
        Case(f"{path}?{query((NUL, '1'))}", "NUL parameter name"),
        Case(f"{path}?{'&'.join(['a=1'] * (most + 1))}", "too many parameters, repeated"),
        Case(f"{path}?{'&'.join(f'p{i}=1' for i in range(most + 1))}", "too many parameters"),
        Case(f"{path}?{'&' * (most + 1)}", "too many empty parameters"),
    ]
    if valid:
        name, value = valid
        out += [
            Case(f"{path}?{query(valid, valid)}", "repeated parameter"),
            Case(f"{path}?{query(valid, (name, value + '0'))}", "repeated, different values"),
            Case(f"{path}?{query((name, value + NUL))}", "NUL in a valid value"),
        ]
    return out


def method_cases(path: str) -> list[Case]:
    return [Case(path, f"method {m}", method=m) for m in ("POST", "PUT", "DELETE")]


def detail_cases(endpoint: str, an_id: int, field: str) -> list[Case]:
    bad_ids = [HUGE, str(2**63), "0", "-1", "1.5", "abc", "%D9%A1", "%00", "1/2"]
    out = [Case(f"{endpoint}/{i}/", f"detail id {i}") for i in bad_ids]
    detail = f"{endpoint}/{an_id}/"
    out += values_cases(
        detail,
        "fields",
        {"unknown": "colour", "deep nesting": "a(" * 600 + ")" * 600, "not UTF-8": "\ufffd"},
    )
    out += values_cases(detail, "search", {"word": "school"})
    out += values_cases(detail, "format", {"unknown": "xml"})
    out += request_cases(detail, ("fields", field))
    out += method_cases(detail)
    out += values_cases(f"{endpoint}/find/", "id", {"word": "abc", "huge": HUGE, "float": "1.5"})
    out.append(Case(f"{endpoint}/find/", "find: nothing to find"))
    return out


def endpoint_cases(name: str, endpoint, an_id: int) -> list[Case]:
    listing = f"{name}/"
    model = endpoint.model
    known = endpoint.known_query_parameters
    filters = endpoint.get_available_fields(model, db_fields_only=True)
    out = []
    for parameter, values in {**common_parameters(), **extra_parameters(known)}.items():
        out += values_cases(listing, parameter, values)
    out += filter_cases(listing, model, filters)
    if model is Page:  # each page type's own fields are filters when that type is asked for
        for page_model in get_page_models():
            label = f"{page_model._meta.app_label}.{page_model.__name__}"
            own = [
                f
                for f in endpoint.get_available_fields(page_model, db_fields_only=True)
                if f not in filters
            ]
            out += filter_cases(listing, page_model, own, prefix=(("type", label),))
    out += request_cases(listing, ("limit", "1"))
    out += method_cases(listing)
    text_field = next(f for f in endpoint.get_available_fields(model) if f in ("title", "name"))
    return out + detail_cases(name, an_id, text_field)


def plain_cases() -> list[Case]:
    """The two endpoints that are not a model's: locales and navigation."""
    out = request_cases("locales/", None)
    out += values_cases("locales/", "search", {"word": "school"})
    out += method_cases("locales/")
    out.append(Case("navigation/", "navigation without locale"))
    out += values_cases(
        "navigation/", "locale", {"unknown": "xx", "empty": "", "overlong": "d" * OVERLONG}
    )
    out += values_cases("navigation/", "search", {"word": "school"}, prefix=(("locale", "da"),))
    out += request_cases("navigation/", ("locale", "da"))
    return out + method_cases("navigation/")


NOT_PATHS = [
    "",
    "nope/",
    "nope",
    "pages/abc/",
    "pages/1/2/",
    "pages/-1/",
    "%00/",
    "..%2f/",
    "%C3%BC/",  # ü
]


def cases(ids: dict[str, int]) -> list[Case]:
    """Every hostile request; ``ids``: an existing object of each model endpoint, by name."""
    from cms.api.router import api_router

    out: list[Case] = []
    for name, endpoint in api_router._endpoints.items():
        out += endpoint_cases(name, endpoint, ids[name])
    out += plain_cases()
    out += [Case(path, "no such path") for path in NOT_PATHS]
    out += [Case(path, "no such path", method="POST") for path in NOT_PATHS[:3]]
    return out
