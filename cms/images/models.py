from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class ImageDescription(TranslatableMixin, models.Model):
    """The alternative text of an image, in one language.

    Wagtail keeps one alt text per image; readers here need it in their language. As a
    translatable snippet it goes through the same wagtail-localize workflow as any other text,
    and the image itself is shared by every language."""

    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="descriptions"
    )
    alt_text = models.CharField(
        max_length=250, help_text="What the image shows, for people who cannot see it."
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]
    translatable_fields = [SynchronizedField("image"), TranslatableField("alt_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "image description"

    def __str__(self) -> str:
        return self.alt_text
