import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Locale

from cms.contacts.models import Contact
from cms.languages import LANGUAGES, SOURCE

from . import visibility
from .conditional import conditional
from .errors import APIErrorsMixin
from .filters import (
    ChangedSinceFilter,
    FieldsFilter,
    IdsFilter,
    LocaleFilter,
    TranslationKeyFilter,
    parse_timestamp,
)
from .removals import Removal, removed_between
from .serializers import ContactSerializer, dumps, page_items, parse_fields


def api_field_names() -> set[str]:
    from wagtail.models import get_page_models

    return {
        f.name if hasattr(f, "name") else f
        for m in get_page_models()
        for f in getattr(m, "api_fields", ())
    }


def json_response(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="application/json")


def bad_request(exc: BadRequestError) -> Response:
    return Response({"message": str(exc)}, status=400)


class PublicPagesAPIViewSet(APIErrorsMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, answered from documents built at publish time.

    Wagtail decides which pages a request may see (live, public: no view restriction, whoever
    asks) and how they are filtered, ordered and paginated; the items are the stored documents
    of those pages, with every type's own fields even in mixed listings, each page's translation
    state and its public language versions."""

    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        TranslationKeyFilter,
        IdsFilter,
        ChangedSinceFilter,
        SearchFilter,  # last, as Wagtail requires; search is off, so it only rejects ?search
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["translation_key", "changed_since", "ids"]
    )

    @cached_property
    def now(self) -> datetime.datetime:
        """The moment this request answers for: what has expired, and ``meta.generated_at``."""
        return timezone.now()

    def get_base_queryset(self):
        # Wagtail builds this (site lookup, view restrictions) on every call; once a request.
        # visibility.public(): Wagtail lets a logged-in user see pages restricted to logins,
        # and knows nothing of expiry before publish_scheduled runs or of non-live ancestors;
        # this API serves none of them, so it must not count them either.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = visibility.public(super().get_base_queryset(), self.now)
        return self._base_queryset.all()

    def removed_since(self, since: datetime.datetime) -> list[Removal]:
        """The removal feed since ``since``, once a request (ChangedSinceFilter uses it too)."""
        cache = self.__dict__.setdefault("_removed", {})
        if since not in cache:
            cache[since] = removed_between(since, self.now)
        return cache[since]

    def _versions(self, ids: list[int]) -> list[tuple]:
        """(id, translation key, locale, last published) of every public version of ``ids``."""
        base = self.get_base_queryset()
        keys = base.filter(id__in=ids).values("translation_key")
        return list(
            base.filter(translation_key__in=keys).values_list(
                "id", "translation_key", "locale__language_code", "last_published_at"
            )
        )

    @conditional
    def listing_view(self, request):
        # Taken before reading: a change committed while this response is made is newer than
        # generated_at, so an incremental pull from it will not miss it.
        generated_at = self.now
        try:
            queryset = self.get_queryset()
            self.check_query_parameters(queryset)
            fields = parse_fields(request.GET.get("fields"), api_field_names())
            queryset = self.filter_queryset(queryset)
            ids = list(self.paginate_queryset(queryset).values_list("id", flat=True))
        except BadRequestError as exc:
            return bad_request(exc)
        items = page_items(ids, self._versions(ids), fields)
        meta: dict = {"total_count": self.paginator.total_count}
        if "changed_since" in request.GET:
            since = parse_timestamp(request.GET["changed_since"])
            meta["removed"] = [r.as_api() for r in self.removed_since(since)]
        meta["generated_at"] = generated_at.isoformat()
        # The items are stored JSON, joined as text: no decoding and re-encoding of pages.
        return json_response(f'{{"meta":{dumps(meta)},"items":[{",".join(items)}]}}')

    @conditional
    def detail_view(self, request, pk):
        try:
            fields = parse_fields(request.GET.get("fields"), api_field_names())
        except BadRequestError as exc:
            return bad_request(exc)
        page = self.get_object()
        items = page_items([page.id], self._versions([page.id]), fields)
        if not items:
            return Response({"message": "not found"}, status=404)
        return json_response(items[0])


class PlainAPIView(APIErrorsMixin, APIView):
    """An endpoint that is not a model's: no authentication, and like Wagtail's endpoints it
    refuses query parameters it does not know."""

    authentication_classes: list = []
    permission_classes: list = []
    known_query_parameters = frozenset(["_", "format"])  # as Wagtail's: cache-busting, format

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if unknown := set(request.query_params) - self.known_query_parameters:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(unknown))
            )


class NavigationAPIView(PlainAPIView):
    """``/navigation/?locale=en``: the audience sections and their pages, in menu order."""

    known_query_parameters = PlainAPIView.known_query_parameters | {"locale"}

    @conditional
    def get(self, request):
        from wagtail.models import Page

        from .documents import site_path

        code = request.GET.get("locale")
        if not code or not Locale.objects.filter(language_code=code).exists():
            return bad_request(BadRequestError("locale is required and must be a known locale"))

        pages = (
            visibility.public(Page.objects.all(), timezone.now())
            .filter(locale__language_code=code, depth__in=(2, 3, 4))
            .order_by("path")
            .specific(defer=True)
        )
        items, sections = [], {}
        home = None
        for page in pages:
            entry = {
                "id": page.id,
                "title": page.title,
                "site_path": site_path(page),
                "type": f"{page._meta.app_label}.{type(page).__name__}",
            }
            if page.depth == 2:
                home = entry
            elif page.depth == 3:
                entry["children"] = []
                sections[page.path] = entry
                items.append(entry)
            elif page.path[:-4] in sections:
                sections[page.path[:-4]]["children"].append(entry)
        return Response({"meta": {"locale": code, "home": home}, "items": items})


class LocalesAPIView(PlainAPIView):
    """The languages of the site: code, own name, text direction and scope."""

    @conditional
    def get(self, request):
        items = [
            {
                "code": lang.code,
                "name": lang.name,
                "direction": lang.direction,
                "scope": lang.scope,
                "is_source": lang.code == SOURCE,
            }
            for lang in LANGUAGES
        ]
        return Response({"meta": {"total_count": len(items)}, "items": items})


class ContactsAPIViewSet(APIErrorsMixin, BaseAPIViewSet):
    """Contacts (a translatable snippet): ``/contacts/?locale=en``."""

    model = Contact
    base_serializer_class = ContactSerializer
    filter_backends = [FieldsFilter, OrderingFilter, LocaleFilter, TranslationKeyFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["locale", "translation_key"]
    )
    meta_fields = [*BaseAPIViewSet.meta_fields, "locale", "translation_key"]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "locale",
        "translation_key",
        "name",
        "phone",
        "email",
        "opening_hours",
    ]
    name = "contacts"

    def get_queryset(self):
        return Contact.objects.select_related("locale").order_by("id")
