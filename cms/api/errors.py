"""Bad input to the public API is a JSON 4xx with a message: never a 500, never Django's HTML
error page, whatever the query string, path or method.

Three places, one per stage of a request:

- ``QueryStringMiddleware`` parses every query string before anything else reads it, so a
  request with more parameters than Django allows is a 400 in every setting;
- ``APIErrorsMixin`` (every API view) checks what all endpoints share (repeated, overlong and
  NUL-carrying parameters, integers, search, nesting of ``fields``) before the view runs, and
  answers every error it or Wagtail raises as ``{"message": ...}``;
- ``not_found`` answers paths below /api/v2/ that are no endpoint.

The field filters (``?<field>=value``) are checked against their model fields in
``filters.FieldsFilter``."""

import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import bad_request
from rest_framework.exceptions import APIException, MethodNotAllowed
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError

API_PREFIX = "/api/v2/"
NUL = "\x00"
# Long enough for any real request (200 page ids take 2,199 characters, 100 translation keys
# 3,699); a longer value is a mistake or an attack, and its error message stays short.
MAX_VALUE_LENGTH = 4096
MAX_FIELDS_DEPTH = 4  # fields=a(b(c(d))): the API has no relations nested deeper
BIGINT_MAX = 2**63 - 1  # the largest row offset any supported database takes
PAGE_ID_MAX = 2**31 - 1  # a page id is a 32-bit integer in every database
DIGITS = re.compile(r"[0-9]+")  # ASCII only: int() would also take "١٢", " 5", "+5", "5_0"

# Integer query parameters and their largest value (None: the view checks its own maximum).
INTEGER_PARAMETERS: dict[str, int | None] = {
    "offset": BIGINT_MAX,
    "limit": None,  # Wagtail's pagination: "limit cannot be higher than WAGTAILAPI_LIMIT_MAX"
    "child_of": PAGE_ID_MAX,
    "descendant_of": PAGE_ID_MAX,
    "ancestor_of": PAGE_ID_MAX,
    "translation_of": PAGE_ID_MAX,
    "id": BIGINT_MAX,  # find/?id=
}
ROOT_ALLOWED = {"child_of", "descendant_of", "translation_of"}  # Wagtail's "=root"
# What a detail view reads (Wagtail's detail views ignore the rest; these refuse it, as the
# listings do). find/ redirects to the detail view with these.
DETAIL_PARAMETERS = frozenset(["fields", "format", "rich_text_format", "_"])


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=status)


class QueryStringMiddleware:
    """Parse the query string first, so that too many parameters are a 400 everywhere.

    Django raises TooManyFieldsSent where ``request.GET`` is first read. With DEBUG on, its
    error page reads ``request.GET`` again, which raises again, once per middleware layer
    (Django ticket #35673): the development server spent 10-20 s of CPU on each such request,
    holding up every other, and then answered a bare 500. Production answered Django's HTML
    400. Now: JSON below /api/v2/, Django's own 400 page elsewhere, in every setting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 - parsed (and cached) here, or refused here
        except TooManyFieldsSent as exc:
            if is_api(request):
                return json_error(400, too_many_parameters())
            return bad_request(request, exc)
        return self.get_response(request)


def too_many_parameters() -> str:
    return f"too many query parameters: at most {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}"


def check_integer(name: str, raw: str, high: int | None) -> None:
    if name in ROOT_ALLOWED and raw == "root":
        return
    if not DIGITS.fullmatch(raw):
        raise BadRequestError(f"{name} must be a positive integer")
    if high is not None and int(raw) > high:
        raise BadRequestError(f"{name} cannot be higher than {high}")


def fields_depth(raw: str) -> int:
    depth = deepest = 0
    for char in raw:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


def check_each_parameter(params, view) -> None:
    for name, values in params.lists():
        if NUL in name or any(NUL in value for value in values):
            raise BadRequestError(f"query parameters cannot contain NUL characters: {name!r}")
        if len(values) > 1:
            raise BadRequestError(f"{name} is given {len(values)} times; give it once")
        if len(values[0]) > MAX_VALUE_LENGTH:
            raise BadRequestError(f"{name} is longer than {MAX_VALUE_LENGTH} characters")


def known_parameters(view) -> set[str]:
    action = getattr(view, "action", None)
    if action == "detail_view":
        return set(DETAIL_PARAMETERS)
    if action == "find_view":
        return DETAIL_PARAMETERS | view.find_query_parameters
    return set(getattr(view, "known_query_parameters", ())) | set(
        getattr(view, "find_query_parameters", ())
    )


def check_detail_parameters(params, view) -> None:
    """Listings refuse unknown parameters in Wagtail's own check; details do it here."""
    if getattr(view, "action", None) not in ("detail_view", "find_view"):
        return
    if unknown := set(params) - known_parameters(view):
        raise BadRequestError(
            "query parameter is not an operation or a recognised field: "
            + ", ".join(sorted(unknown))
        )


def check_search(params, view) -> None:
    """Wagtail's SearchFilter refuses ?search when search is off, on the endpoints that have
    it; the others ignored it (images, contacts) or never looked (locales, navigation)."""
    if "search" not in params:
        return
    if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
        raise BadRequestError("search is disabled")
    if SearchFilter not in getattr(view, "filter_backends", ()):
        raise BadRequestError("search is not available on this endpoint")


def check_integers(params, view) -> None:
    known = known_parameters(view)
    for name, high in INTEGER_PARAMETERS.items():
        if name in params and name in known:
            check_integer(name, params[name], high)


def check_fields_depth(params, view) -> None:
    """Wagtail parses ``fields`` recursively: 600 levels were a RecursionError (a 500, and a
    9 MB DEBUG page holding some 200 MB while it was made)."""
    if "fields" in params and fields_depth(params["fields"]) > MAX_FIELDS_DEPTH:
        raise BadRequestError(f"fields cannot nest more than {MAX_FIELDS_DEPTH} levels deep")


def check_format(params, view) -> None:
    """DRF answered an unknown ``format`` with an empty 404."""
    if "format" in params:
        formats = sorted({renderer.format for renderer in view.renderer_classes})
        if params["format"] not in formats:
            raise BadRequestError(f"format must be one of: {', '.join(formats)}")


def check_rich_text_format(params, view) -> None:
    if "rich_text_format" in params and hasattr(view, "resolve_rich_text_format"):
        view.resolve_rich_text_format()  # Wagtail's check: a BadRequestError when unknown


CHECKS = (
    check_each_parameter,
    check_detail_parameters,
    check_search,
    check_integers,
    check_fields_depth,
    check_format,
    check_rich_text_format,
)


def check_query(params, view) -> None:
    """What every endpoint refuses, whatever it does with its parameters."""
    for check in CHECKS:
        check(params, view)


def error_message(exc: Exception) -> tuple[int, str] | None:
    """The status and message of an error the API answers itself; None for a real fault."""
    if isinstance(exc, BadRequestError):
        return 400, str(exc)
    if isinstance(exc, Http404):
        return 404, str(exc) or "not found"
    if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return 400, too_many_parameters()
    if isinstance(exc, RequestDataTooBig):
        return 413, "the request body is too large"
    if isinstance(exc, MethodNotAllowed):
        return 405, "this API is read-only: use GET"
    if isinstance(exc, APIException):
        return exc.status_code, str(exc.detail)
    return None


class APIErrorsMixin:
    """First base of every API view (DRF views and Wagtail's endpoint viewsets)."""

    def initial(self, request, *args, **kwargs):
        check_query(request.query_params, self)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        answer = error_message(exc)
        if answer is None:
            return super().handle_exception(exc)
        status, message = answer
        response = Response({"message": message}, status=status)
        if status == 405:
            response["Allow"] = ", ".join(self.allowed_methods)
        return response


def endpoint_names() -> list[str]:
    from .router import api_router

    return sorted([*api_router._endpoints, "locales", "navigation"])


@csrf_exempt  # it changes nothing; a POST is answered like the API's endpoints answer it
def not_found(request, *args, **kwargs):
    """Any path below /api/v2/ that no endpoint answers. Like Django's APPEND_SLASH, a GET of
    an endpoint's path without its trailing slash is redirected to it."""
    path = request.path_info
    if not path.endswith("/"):
        try:
            match = resolve(f"{path}/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            if request.method not in ("GET", "HEAD"):
                return json_error(405, "this API is read-only: use GET")
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return json_error(
        404,
        f"no such endpoint: {request.path}; the endpoints are "
        + ", ".join(f"{API_PREFIX}{name}/" for name in endpoint_names()),
    )
