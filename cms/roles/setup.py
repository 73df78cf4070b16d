"""Groups, page permissions and moderation workflows, created idempotently in code.

- Editors draft the Danish tree and submit it; they cannot publish.
- Approvers publish everything (source pages and translations) and start translations.
- Translators (<locale>) edit only their own language's tree, never publish, and their work
  goes through the translation approval workflow.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.languages import LANGUAGES, SOURCE

EDITORS = "Editors"
APPROVERS = "Approvers"
SOURCE_WORKFLOW = "Danish source approval"
TRANSLATION_WORKFLOW = "Translation approval"


def translators_group_name(code: str) -> str:
    return f"Translators ({code})"


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_pages(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_perm("wagtailcore", codename)
        )


def _workflow(name: str, approvers: Group) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    task, _ = GroupApprovalTask.objects.get_or_create(name=f"{name}: review")
    task.groups.add(approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def _assign(workflow: Workflow, page: Page) -> None:
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def home_pages() -> dict[str, Page]:
    """The home page of each language tree, keyed by language code (those that exist)."""
    homes = Page.objects.filter(depth=2).select_related("locale")
    return {page.locale.language_code: page for page in homes}


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    access_admin = _perm("wagtailadmin", "access_admin")
    root = Page.get_first_root_node()
    homes = home_pages()

    groups: dict[str, Group] = {}
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    approvers, _ = Group.objects.get_or_create(name=APPROVERS)
    groups[EDITORS], groups[APPROVERS] = editors, approvers

    # Wagtail's default setup gives "Editors" rights on the whole tree and a default workflow
    # on the root; here rights are per language tree, so start from a clean slate.
    GroupPagePermission.objects.filter(group=editors).exclude(page=homes.get(SOURCE)).delete()
    WorkflowPage.objects.filter(page=root).delete()

    contact_perms = [_perm("contacts", f"{verb}_contact") for verb in ("add", "change")]
    editors.permissions.add(access_admin, *contact_perms)
    approvers.permissions.add(
        access_admin,
        *contact_perms,
        _perm("contacts", "delete_contact"),
        _perm("wagtail_localize", "submit_translation"),
    )
    _grant_pages(
        approvers, root, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
    )

    source_workflow = _workflow(SOURCE_WORKFLOW, approvers)
    translation_workflow = _workflow(TRANSLATION_WORKFLOW, approvers)
    if SOURCE in homes:
        _grant_pages(editors, homes[SOURCE], ["add_page", "change_page"])
        _assign(source_workflow, homes[SOURCE])

    for language in LANGUAGES:
        if language.code == SOURCE:
            continue
        group, _ = Group.objects.get_or_create(name=translators_group_name(language.code))
        group.permissions.add(access_admin)
        groups[group.name] = group
        if language.code in homes:
            _grant_pages(group, homes[language.code], ["add_page", "change_page"])
            _assign(translation_workflow, homes[language.code])
    # Locales are created by a migration; guard against a database set up without them.
    missing = {lang.code for lang in LANGUAGES} - set(
        Locale.objects.values_list("language_code", flat=True)
    )
    if missing:
        raise RuntimeError(f"Locales missing from the database: {', '.join(sorted(missing))}")
    return groups
