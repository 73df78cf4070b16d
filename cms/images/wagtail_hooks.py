from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ImageDescription


class ImageDescriptionViewSet(SnippetViewSet):
    model = ImageDescription
    icon = "image"
    menu_label = "Image descriptions"
    list_display = ["alt_text", "image"]


register_snippet(ImageDescriptionViewSet)
