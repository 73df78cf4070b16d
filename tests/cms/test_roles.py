import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, WorkflowPage

from cms.roles.setup import APPROVERS, EDITORS, ensure_roles, translators_group_name

from .factories import danish_tree


@pytest.fixture
def trees(db):
    tree = danish_tree()
    for code in ("en", "de"):
        tree["home"].copy_for_translation(Locale.objects.get(language_code=code))
    ensure_roles()
    return tree


def user_in(django_user_model, group_name: str):
    user = django_user_model.objects.create_user(group_name.lower().replace(" ", ""), password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def home(code: str) -> Page:
    return Page.objects.get(depth=2, locale__language_code=code)


def test_groups_exist_for_every_role(trees):
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, APPROVERS} <= names
    for code in ("en", "de", "zh-hans", "ar", "ru", "es", "fr"):
        assert translators_group_name(code) in names
    assert translators_group_name("da") not in names


def test_editor_drafts_danish_pages_but_cannot_publish(trees, django_user_model):
    editor = user_in(django_user_model, EDITORS)
    perms = trees["info"].permissions_for_user(editor)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert not home("en").permissions_for_user(editor).can_edit()


def test_approver_publishes_everywhere(trees, django_user_model):
    approver = user_in(django_user_model, APPROVERS)
    assert trees["info"].permissions_for_user(approver).can_publish()
    assert home("de").permissions_for_user(approver).can_publish()


def test_translators_edit_only_their_own_tree_and_never_publish(trees, django_user_model):
    translator = user_in(django_user_model, translators_group_name("en"))
    assert home("en").permissions_for_user(translator).can_edit()
    assert not home("en").permissions_for_user(translator).can_publish()
    assert not home("de").permissions_for_user(translator).can_edit()
    assert not trees["info"].permissions_for_user(translator).can_edit()


def test_moderation_workflows_cover_the_source_and_translation_trees(trees):
    assert WorkflowPage.objects.get(page=home("da")).workflow.name == "Danish source approval"
    assert WorkflowPage.objects.get(page=home("en")).workflow.name == "Translation approval"
    assert trees["info"].get_workflow().name == "Danish source approval"


def test_ensure_roles_is_idempotent(trees):
    ensure_roles()
    counts = (Group.objects.count(), WorkflowPage.objects.count())
    ensure_roles()
    assert (Group.objects.count(), WorkflowPage.objects.count()) == counts
