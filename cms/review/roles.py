"""Who may confirm machine translations and who may publish with untranslated text."""

from cms.roles.setup import APPROVERS, translators_group_name

APPROVER, ADMINISTRATOR = "approver", "administrator"


def approver_role(user) -> str | None:
    """The role under which ``user`` may publish with untranslated text, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.groups.filter(name=APPROVERS).exists():
        return APPROVER
    if user.is_superuser:
        return ADMINISTRATOR
    return None


def can_confirm(user, language_code: str) -> bool:
    """Translators of that language, approvers and superusers."""
    if approver_role(user):
        return True
    return user.groups.filter(name=translators_group_name(language_code)).exists()
