"""The one URL rule in every field and block of the CMS that stores something the site renders
as a URL: found by walking the models, not listed, so a field added later is covered too. Each
is given every generated class of tests/contract/test_urls.py through its own validation (what
the page editor, snippets, wagtail-localize overrides and PO import call)."""

import html

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

from cms.contacts.models import Contact
from cms.validators import validate_public_url
from tests.contract.url_values import (
    ALLOWED_ADDRESSES,
    ALLOWED_PHONES,
    ALLOWED_URLS,
    EMPTY_URLS,
    REFUSED_ADDRESSES,
    REFUSED_PHONES,
    REFUSED_URLS,
)


def cms_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("cms.")]


def walk(block: blocks.Block, path: str):
    """Every block inside ``block``, with where it is ("body.links.links.url")."""
    yield path, block
    children = getattr(block, "child_blocks", None) or {}
    for name, child in children.items():
        yield from walk(child, f"{path}.{name}")
    if isinstance(block, blocks.ListBlock):
        yield from walk(block.child_block, f"{path}.item")


def stream_blocks(kind: type[blocks.Block]) -> list[tuple[str, blocks.Block]]:
    return [
        (f"{model.__name__}.{where}", block)
        for model in cms_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
        for where, block in walk(field.stream_block, field.name)
        if isinstance(block, kind)
    ]


RICH_TEXT_FIELDS = [
    (f"{model.__name__}.{field.name}", field)
    for model in cms_models()
    for field in model._meta.get_fields()
    if isinstance(field, RichTextField)
]
RICH_TEXT_BLOCKS = stream_blocks(blocks.RichTextBlock)
URL_BLOCKS = stream_blocks(blocks.URLBlock)


def as_stored(url: str) -> list[str]:
    """Rich text with one link to ``url``: escaped as Wagtail's converter writes it, and raw
    (only the quote escaped) as a PO file or another path might bring it."""
    raw = url.replace('"', "&quot;")
    return [
        f'<p>See <a href="{html.escape(url)}">the link</a>.</p>',
        f'<p><a href="{raw}">x</a></p>',
    ]


def refuses(validate, value) -> bool:
    try:
        validate(value)
    except ValidationError:
        return True
    return False


def test_the_walk_finds_every_url_bearing_position():
    # So that the tests below cannot pass by finding nothing.
    assert {name for name, _ in RICH_TEXT_FIELDS} >= {
        "HomePage.welcome",
        "AudiencePage.intro",
        "WelcomeLetterPage.letter",
    }
    assert {name for name, _ in RICH_TEXT_BLOCKS} >= {
        "InformationPage.body.paragraph",
        "InformationPage.body.steps.steps.item.text",
        "InformationPage.body.notice.text",
        "StrategyPage.body.paragraph",
        "StrategyPage.body.notice.text",
    }
    assert {name for name, _ in URL_BLOCKS} >= {"InformationPage.body.links.links.item.url"}


@pytest.mark.parametrize(("where", "field"), RICH_TEXT_FIELDS, ids=[n for n, _ in RICH_TEXT_FIELDS])
def test_rich_text_fields_refuse_every_unsafe_link(where, field):
    validate = field.run_validators
    passed = [
        v for v in [*REFUSED_URLS, *EMPTY_URLS] for h in as_stored(v) if not refuses(validate, h)
    ]
    assert passed == [], f"{where} let through {len(passed)}: {passed[:5]}"
    refused = [v for v in ALLOWED_URLS for h in as_stored(v) if refuses(validate, h)]
    assert refused == [], f"{where} refused {refused}"


@pytest.mark.parametrize(("where", "block"), RICH_TEXT_BLOCKS, ids=[n for n, _ in RICH_TEXT_BLOCKS])
def test_rich_text_blocks_refuse_every_unsafe_link(where, block):
    def validate(source):
        block.clean(RichText(source))

    passed = [
        v for v in [*REFUSED_URLS, *EMPTY_URLS] for h in as_stored(v) if not refuses(validate, h)
    ]
    assert passed == [], f"{where} let through {len(passed)}: {passed[:5]}"
    refused = [v for v in ALLOWED_URLS for h in as_stored(v) if refuses(validate, h)]
    assert refused == [], f"{where} refused {refused}"


@pytest.mark.parametrize(("where", "block"), URL_BLOCKS, ids=[n for n, _ in URL_BLOCKS])
def test_url_blocks_refuse_every_unsafe_url(where, block):
    passed = [v for v in REFUSED_URLS if not refuses(block.clean, v)]
    assert passed == [], f"{where} let through {len(passed)}: {passed[:5]}"
    refused = [v for v in ALLOWED_URLS if refuses(block.clean, v)]
    assert refused == [], f"{where} refused {refused}"
    # What is stored is what was typed, less the spaces around it.
    assert block.clean(" https://example.com/ ") == "https://example.com/"


def test_no_field_or_block_checks_urls_by_another_rule():
    """Django's URL and e-mail fields and blocks judge by rules of their own (ftp: and user
    names pass, ``x?bcc=…`` passes as an address): none may hold what the site renders."""
    others = [
        f"{model.__name__}.{field.name}"
        for model in cms_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField | models.EmailField)
    ]
    others += [where for where, _ in stream_blocks(blocks.EmailBlock)]
    others += [
        where
        for where, block in URL_BLOCKS
        if validate_public_url not in block.field.validators
        or isinstance(block.field, forms.URLField)
    ]
    assert others == []


def test_a_refused_rich_text_link_is_named_in_the_message():
    source = (
        '<p><a href="https://ok.example/">fine</a> and <a href="jav&amp;#x09;ascript:x()">'
        'Read   more</a> and <a href="mailto:x?bcc=y@z.dk">write</a></p>'
    )
    with pytest.raises(ValidationError) as caught:
        RICH_TEXT_FIELDS[0][1].run_validators(source)
    messages = caught.value.messages
    assert len(messages) == 2
    assert "“Read more”" in messages[0] and "javascript:" in messages[0]
    assert "“write”" in messages[1] and "mailto:x?bcc=y@z.dk" in messages[1]
    assert "fine" not in " ".join(messages)


@pytest.mark.parametrize(
    ("name", "refused", "allowed"),
    [
        ("email", REFUSED_ADDRESSES, ALLOWED_ADDRESSES),
        ("phone", REFUSED_PHONES, ALLOWED_PHONES),
    ],
)
def test_contact_email_and_phone_take_plain_values_only(name, refused, allowed):
    field = Contact._meta.get_field(name)
    passed = [v for v in refused if not refuses(lambda v: field.clean(v, None), v)]
    assert passed == [], f"contact {name} let through {len(passed)}: {passed[:5]}"
    assert [v for v in allowed if refuses(lambda v: field.clean(v, None), v)] == []
    assert field.clean("", None) == ""  # both are optional


def test_the_demo_content_passes_the_rule(demo):
    """Every page, contact and block the demo loads validates as the editor would save it."""
    from wagtail.models import Page

    checked = 0
    for page in Page.objects.filter(depth__gt=1).specific():
        page.clean_fields()
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                field.stream_block.clean(getattr(page, field.name))
        checked += 1
    for contact in Contact.objects.all():
        contact.clean_fields()
        checked += 1
    assert checked > 50
