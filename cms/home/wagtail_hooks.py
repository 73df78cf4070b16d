from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)

from cms.richtext import link_as_typed


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own "link"
def keep_typed_link_urls(features):
    """Draftail links are stored with the URL the editor typed, for the rule to judge."""
    features.register_converter_rule(
        "contentstate",
        "link",
        {
            "from_database_format": {
                "a[href]": ExternalLinkElementHandler("LINK"),
                'a[linktype="page"]': PageLinkElementHandler("LINK"),
            },
            "to_database_format": {"entity_decorators": {"LINK": link_as_typed}},
        },
    )
