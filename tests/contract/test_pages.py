"""contract/pages.py against both sides: every page model of the CMS has a template, every block
type the CMS offers is one the build knows and has a partial of that name, and no template is
left over."""

from wagtail.models import get_page_models

from cms.blocks import INFORMATION_BLOCKS, STRATEGY_BLOCKS
from contract.pages import BLOCK_TYPES, PAGE_TEMPLATES, RICH_TEXT_FIELDS, UTILITY_TEMPLATES
from sitebuild.paths import THEME


def test_every_page_model_has_its_template():
    ours = {
        f"{model._meta.app_label}.{model.__name__}"
        for model in get_page_models()
        if model._meta.app_label != "wagtailcore"
    }
    assert ours == set(PAGE_TEMPLATES)
    for name in (*PAGE_TEMPLATES.values(), *UTILITY_TEMPLATES):
        assert (THEME / "templates" / f"{name}.html").is_file(), name


def test_every_block_type_has_its_partial_and_no_partial_is_left_over():
    offered = {name for name, _ in (*INFORMATION_BLOCKS, *STRATEGY_BLOCKS)}
    assert offered == set(BLOCK_TYPES)
    partials = {path.stem for path in (THEME / "templates" / "blocks").glob("*.html")}
    assert partials == set(BLOCK_TYPES)


def test_rich_text_fields_are_the_models_rich_text_fields():
    from wagtail.fields import RichTextField

    found = {
        field.name
        for model in get_page_models()
        for field in model._meta.get_fields()
        if isinstance(field, RichTextField)
    }
    assert found == set(RICH_TEXT_FIELDS)
