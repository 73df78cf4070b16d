from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.blocks import INFORMATION_BLOCKS
from cms.localisation.fields import PAGE_FIELDS


class InformationPage(Page):
    """Practical information for one task: enrol a child in school, move here, trade with us."""

    summary = models.TextField(max_length=400, help_text="One or two sentences shown in lists.")
    body = StreamField(INFORMATION_BLOCKS)
    # Who answers for the page and when it was last checked: internal references, so they are
    # synchronised from the Danish source rather than translated.
    content_owner = models.CharField(max_length=120, help_text="The team responsible.")
    last_reviewed = models.DateField()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("content_owner"), FieldPanel("last_reviewed")], heading="Ownership"
        ),
    ]
    parent_page_types = ["sections.AudiencePage"]
    subpage_types: list[str] = []
    translatable_fields = [
        *PAGE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("content_owner"),
        SynchronizedField("last_reviewed"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("content_owner"),
        APIField("last_reviewed"),
    ]

    class Meta:
        verbose_name = "information page"
