from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from cms.blocks import STRATEGY_BLOCKS
from cms.localisation.fields import PAGE_FIELDS


class StrategyPage(Page):
    """A part of the municipality's international strategy: the overview, the vision, the
    challenge, the facts, or one of the four tracks with its focus areas."""

    intro = models.TextField(blank=True)
    body = StreamField(STRATEGY_BLOCKS, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "strategy.StrategyPage"]
    subpage_types = ["strategy.StrategyPage"]
    translatable_fields = [*PAGE_FIELDS, TranslatableField("intro"), TranslatableField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = "strategy page"
