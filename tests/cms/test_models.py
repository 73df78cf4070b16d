import pytest
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.contacts.models import Contact
from cms.home.models import HomePage
from cms.information.models import InformationPage
from cms.letters.models import WelcomeLetterPage
from cms.sections.models import AudiencePage
from cms.strategy.models import StrategyPage

PAGE_MODELS = [HomePage, AudiencePage, InformationPage, WelcomeLetterPage, StrategyPage]


def allowed(parent, child) -> bool:
    return child in parent.allowed_subpage_models() and parent in child.allowed_parent_page_models()


@pytest.mark.parametrize(
    ("parent", "child", "expected"),
    [
        (Page, HomePage, True),
        (HomePage, AudiencePage, True),
        (HomePage, StrategyPage, True),
        (HomePage, WelcomeLetterPage, True),
        (HomePage, InformationPage, False),
        (HomePage, HomePage, False),
        (AudiencePage, InformationPage, True),
        (AudiencePage, AudiencePage, False),
        (InformationPage, InformationPage, False),
        (StrategyPage, StrategyPage, True),
        (StrategyPage, InformationPage, False),
        (WelcomeLetterPage, InformationPage, False),
        (Page, AudiencePage, False),
        (Page, InformationPage, False),
    ],
)
def test_parent_child_rules(parent, child, expected):
    assert allowed(parent, child) is expected


def _kinds(model) -> dict[str, str]:
    return {
        field.field_name: "translated" if isinstance(field, TranslatableField) else "synchronised"
        for field in model.translatable_fields
        if isinstance(field, TranslatableField | SynchronizedField)
    }


def test_contact_phone_and_email_are_synchronised_not_translated():
    kinds = _kinds(Contact)
    assert kinds["name"] == kinds["opening_hours"] == "translated"
    assert kinds["phone"] == kinds["email"] == "synchronised"


def test_information_page_internal_fields_are_synchronised():
    kinds = _kinds(InformationPage)
    assert kinds["content_owner"] == kinds["last_reviewed"] == "synchronised"
    assert kinds["summary"] == kinds["body"] == kinds["title"] == "translated"


@pytest.mark.parametrize("model", [*PAGE_MODELS, Contact])
def test_every_model_declares_api_fields(model):
    assert model.api_fields, f"{model.__name__} has no api_fields"
    for api_field in model.api_fields:
        model._meta.get_field(api_field.name)  # raises if the field does not exist


def test_body_block_names_match_template_partials():
    from pathlib import Path

    from cms.blocks import INFORMATION_BLOCKS, STRATEGY_BLOCKS

    partials = Path(__file__).resolve().parents[2] / "site" / "theme" / "templates" / "blocks"
    for name, _ in [*INFORMATION_BLOCKS, *STRATEGY_BLOCKS]:
        assert (partials / f"{name}.html").is_file(), f"no partial for block {name!r}"
