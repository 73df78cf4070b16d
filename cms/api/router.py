from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from .errors import not_found
from .images import PublicImagesAPIViewSet
from .views import (
    ContactsAPIViewSet,
    LocalesAPIView,
    NavigationAPIView,
    PublicPagesAPIViewSet,
)


class UdsynAPIRouter(WagtailAPIRouter):
    """Wagtail's router plus the plain views that are not model endpoints, and a JSON 404 for
    every other path below it (not the CMS's HTML page)."""

    def get_urlpatterns(self):
        return [
            path("locales/", LocalesAPIView.as_view(), name="locales"),
            path("navigation/", NavigationAPIView.as_view(), name="navigation"),
            *super().get_urlpatterns(),
            re_path(r"", not_found, name="not-found"),
        ]


api_router = UdsynAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("contacts", ContactsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
