"""StreamField blocks shared by the information and strategy pages.

Block type names (the keys in BODY_BLOCKS) are part of the public API contract: the build
renders each with the template partial of the same name, site/theme/templates/blocks/<name>.html.
"""

from django import forms
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.richtext import INLINE_FEATURES, PARAGRAPH_FEATURES
from cms.validators import validate_public_url, validate_rich_text_links


class RichTextBlock(blocks.RichTextBlock):
    """Rich text whose API form has page links as ids and locales, not CMS URLs. Every link
    in it passes the URL rule (cms.validators)."""

    def __init__(self, *args, validators=(), **kwargs):
        # Added here, not passed by the callers: a block's constructor arguments are what
        # its migrations record, and the rule is part of the block, not of its uses.
        super().__init__(*args, validators=[*validators, validate_rich_text_links], **kwargs)

    def get_api_representation(self, value, context=None):
        from cms.api.richtext import to_api_html

        return to_api_html(value.source if value else "")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    # h2/h3 only: h1 is the page title, deeper levels make pages hard to scan.
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    text = RichTextBlock(features=INLINE_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, required=False)
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, help_text='For example "What to bring".')
    items = blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=1)

    class Meta:
        icon = "tasks"


class ContactBlock(SnippetChooserBlock):
    """Embeds the contact's fields in the API, in the page's language, so the build makes
    no request per contact. wagtail-localize swaps in the translated contact."""

    def __init__(self, **kwargs):
        super().__init__("contacts.Contact", **kwargs)

    def get_api_representation(self, value, context=None):
        return value.api_representation() if value else None

    class Meta:
        icon = "user"


class PublicURLBlock(blocks.URLBlock):
    """A URL the site may render, by the contract's rule (cms.validators): a web address, a
    mailto: or tel: link or an address on this site. Still a URLBlock, so wagtail-localize
    treats it as one. Django's URLField is not used: it lets user names and ftp: through,
    refuses mailto: and site addresses, and adds "http://" to what has no scheme."""

    def __init__(
        self,
        required=True,
        help_text=None,
        max_length=None,
        min_length=None,
        validators=(),
        **kwargs,
    ):
        super().__init__(required=required, help_text=help_text, **kwargs)
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            min_length=min_length,
            validators=[*validators, validate_public_url],
            widget=forms.TextInput(attrs={"inputmode": "url"}),
        )


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    page = blocks.PageChooserBlock(required=False)
    url = PublicURLBlock(required=False, help_text="Only for pages outside this site.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            from django.core.exceptions import ValidationError

            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose either a page or a URL.")}
            )
        return value

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {
            "text": value.get("text"),
            # An internal link is a page id and locale; the build maps it to a static URL.
            "page": {"id": page.pk, "locale": page.locale.language_code} if page else None,
            "url": value.get("url") or None,
        }


class LinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160, required=False)
    links = blocks.ListBlock(LinkBlock(), min_num=1)

    class Meta:
        icon = "link"


class NoticeBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("warning", "Important")], default="info"
    )
    text = RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "warning"


def paragraph_block() -> RichTextBlock:
    return RichTextBlock(features=PARAGRAPH_FEATURES, icon="pilcrow")


INFORMATION_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", paragraph_block()),
    ("steps", StepsBlock()),
    ("checklist", ChecklistBlock()),
    ("contact", ContactBlock()),
    ("links", LinksBlock()),
    ("notice", NoticeBlock()),
]

STRATEGY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", paragraph_block()),
    ("notice", NoticeBlock()),
]
