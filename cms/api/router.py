from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from .images import PublicImagesAPIViewSet
from .views import (
    ContactsAPIViewSet,
    LocalesAPIView,
    NavigationAPIView,
    PublicPagesAPIViewSet,
)


class UdsynAPIRouter(WagtailAPIRouter):
    """Wagtail's router plus the plain views that are not model endpoints."""

    def get_urlpatterns(self):
        return [
            path("locales/", LocalesAPIView.as_view(), name="locales"),
            path("navigation/", NavigationAPIView.as_view(), name="navigation"),
            *super().get_urlpatterns(),
        ]


api_router = UdsynAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("contacts", ContactsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
