"""A demo image drawn in code (no binary files in the repository): the three audiences as
three overlapping circles, in the site's colours."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

ALT = {
    "da": "Tre overlappende cirkler, der står for erhverv, arbejde og bo, og besøg.",
    "en": "Three overlapping circles standing for business, work and life, and visits.",
    "de": "Drei sich überschneidende Kreise für Wirtschaft, Arbeiten und Leben sowie Besuch.",
}


def draw() -> BytesIO:
    canvas = PILImage.new("RGB", (1600, 900), "#f5f5f5")
    pen = ImageDraw.Draw(canvas, "RGBA")
    for (x, y), colour in zip(
        ((560, 360), (1040, 360), (800, 600)),
        ((0, 35, 74, 150), (0, 89, 179, 150), (255, 191, 71, 170)),
        strict=True,
    ):
        pen.ellipse((x - 280, y - 280, x + 280, y + 280), fill=colour)
    out = BytesIO()
    canvas.save(out, "PNG")
    out.seek(0)
    return out


def demo_image() -> Image:
    image = Image(title="Udsyn: tre målgrupper", collection=Collection.get_first_root_node())
    image.file.save(
        "udsyn-audiences.png", ImageFile(draw(), name="udsyn-audiences.png"), save=False
    )
    image.save()
    return image
