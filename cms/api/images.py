"""The images endpoint: public images only, with renditions for responsive images and their
alternative text in every language."""

from rest_framework.fields import Field
from wagtail.api.v2.filters import OrderingFilter, SearchFilter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction

from .errors import APIErrorsMixin
from .filters import FieldsFilter

WIDTHS = (320, 640, 1024)


def private_collection_ids() -> set[int]:
    """Collections under any view restriction, and their descendants. Unlike Wagtail's own
    check, a logged-in session changes nothing: the public API serves the public."""
    paths = Collection.objects.filter(
        id__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    ids: set[int] = set()
    for path in paths:
        ids |= set(Collection.objects.filter(path__startswith=path).values_list("id", flat=True))
    return ids


class RenditionsField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        renditions = image.get_renditions(*(f"width-{w}" for w in WIDTHS))
        return [
            {"width": r.width, "height": r.height, "url": r.url}
            for r in sorted(renditions.values(), key=lambda r: r.width)
        ]


class AltTextField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return {d.locale.language_code: d.alt_text for d in image.descriptions.all()}


class ImageSerializer(BaseSerializer):
    renditions = RenditionsField(read_only=True)
    alt = AltTextField(read_only=True)


class PublicImagesAPIViewSet(APIErrorsMixin, ImagesAPIViewSet):
    base_serializer_class = ImageSerializer
    # Wagtail's; with search off site-wide (WAGTAILAPI_SEARCH_ENABLED), ?search= is a 400.
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = [*ImagesAPIViewSet.body_fields, "alt", "renditions"]
    meta_fields = ["type", "detail_url"]  # no tags or original-file download URL
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "title",
        "width",
        "height",
        "alt",
        "renditions",
    ]

    def get_queryset(self):
        return (
            self.model.objects.exclude(collection__in=private_collection_ids())
            .prefetch_renditions(*(f"width-{w}" for w in WIDTHS))
            .prefetch_related("descriptions__locale")
            .order_by("id")
        )
