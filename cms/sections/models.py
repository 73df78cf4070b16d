from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.localisation.fields import PAGE_FIELDS
from cms.richtext import PARAGRAPH_FEATURES
from cms.validators import validate_rich_text_links


class Audience(models.TextChoices):
    BUSINESS = "business", "Business"
    WORK_LIVE = "work-live", "Work & live"
    VISIT = "visit", "Visit"


class AudiencePage(Page):
    """A landing page for one of the strategy's three audiences, listing its information pages."""

    audience = models.CharField(max_length=20, choices=Audience.choices)
    intro = RichTextField(
        features=PARAGRAPH_FEATURES, blank=True, validators=[validate_rich_text_links]
    )

    content_panels = [*Page.content_panels, FieldPanel("audience"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["information.InformationPage"]
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("intro"),
        SynchronizedField("audience"),
    ]
    api_fields = [APIField("audience"), APIField("intro")]

    class Meta:
        verbose_name = "audience landing page"
