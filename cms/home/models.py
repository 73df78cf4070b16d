from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from cms.localisation.fields import PAGE_FIELDS
from cms.richtext import PARAGRAPH_FEATURES


class HomePage(Page):
    """The root of one language's tree, carrying the general welcome text.

    The welcome text is the one piece of content in all eight languages; everything below the
    home page exists in Danish, English and German only."""

    welcome = RichTextField(features=PARAGRAPH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("welcome")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.AudiencePage", "strategy.StrategyPage", "letters.WelcomeLetterPage"]
    translatable_fields = [*PAGE_FIELDS, TranslatableField("welcome")]
    api_fields = [APIField("welcome")]

    class Meta:
        verbose_name = "home page"
