from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet

from cms.languages import LANGUAGES, SOURCE

from .fields import SitePathField, TranslationKeyField


class PublicPageSerializer(PageSerializer):
    translation_key = TranslationKeyField(read_only=True)
    site_path = SitePathField(read_only=True)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, with what the static build needs in every listing item."""

    base_serializer_class = PublicPageSerializer
    meta_fields = [
        *PagesAPIViewSet.meta_fields,
        "translation_key",
        "site_path",
        "last_published_at",
    ]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "locale",
        "translation_key",
        "site_path",
        "last_published_at",
    ]


class LocalesAPIView(APIView):
    """The languages of the site: code, own name, text direction and scope."""

    authentication_classes: list = []
    permission_classes: list = []

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
