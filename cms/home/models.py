from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from cms.localisation.fields import PAGE_FIELDS
from cms.richtext import PARAGRAPH_FEATURES
from cms.validators import validate_rich_text_links


class HomePage(Page):
    """The root of one language's tree, carrying the general welcome text.

    The welcome text is the one piece of content in all eight languages; everything below the
    home page exists in Danish, English and German only."""

    welcome = RichTextField(features=PARAGRAPH_FEATURES, validators=[validate_rich_text_links])

    content_panels = [*Page.content_panels, FieldPanel("welcome")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.AudiencePage", "strategy.StrategyPage", "letters.WelcomeLetterPage"]
    translatable_fields = [*PAGE_FIELDS, TranslatableField("welcome")]
    api_fields = [APIField("welcome")]

    class Meta:
        verbose_name = "home page"


def make_default_site_root(home: HomePage) -> None:
    """Point the default Site at the Danish home page. Wagtail's API serves the site's tree and
    the translations of its root, so this one Site covers every language."""
    from wagtail.models import Site

    Page.objects.filter(depth=2, content_type__model="page").delete()  # Wagtail's placeholder
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Udsyn"},
    )
