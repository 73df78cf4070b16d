from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.localisation.fields import PAGE_FIELDS
from cms.richtext import PARAGRAPH_FEATURES
from cms.validators import validate_rich_text_links


class WelcomeLetterPage(Page):
    """The welcome letter in the welcome package for new international citizens. Printable."""

    letter = RichTextField(features=PARAGRAPH_FEATURES, validators=[validate_rich_text_links])
    signature = models.CharField(max_length=160, help_text="Name and/or function of the sender.")
    letter_date = models.DateField()

    content_panels = [
        *Page.content_panels,
        FieldPanel("letter"),
        FieldPanel("signature"),
        FieldPanel("letter_date"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("letter"),
        TranslatableField("signature"),
        SynchronizedField("letter_date"),
    ]
    api_fields = [APIField("letter"), APIField("signature"), APIField("letter_date")]

    class Meta:
        verbose_name = "welcome letter"
