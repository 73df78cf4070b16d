from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as cms_urlpatterns

stock = WagtailAPIRouter("stockapi")
stock.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("stock/api/v2/", stock.urls), *cms_urlpatterns]
