from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from cms.localisation.guards import IncompleteTranslationError, target_translation, untranslated

from . import views
from .flags import unconfirmed_machine
from .roles import approver_role, can_confirm


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "review/translations/<int:translation_id>/confirm-machine/",
            views.confirm_machine_translations,
            name="udsyn_confirm_machine",
        ),
        path(
            "review/translations/<int:translation_id>/publish-with-untranslated/",
            views.publish_with_untranslated,
            name="udsyn_publish_incomplete",
        ),
    ]


def review_buttons(page, user, view_name=None, next_url=None):
    """On a translated page's header and in the page listing's "more" menu: confirm its machine
    translations (its translators), publish it with untranslated text (approvers)."""
    if page.is_root() or page.depth < 2:
        return
    translation = target_translation(page)
    if translation is None:
        return
    query = "?" + urlencode({"next": next_url}) if next_url else ""
    if can_confirm(user, translation.target_locale.language_code) and unconfirmed_machine(
        translation
    ):
        yield ListingButton(
            _("Confirm machine translations"),
            reverse("udsyn_confirm_machine", args=[translation.pk]) + query,
            priority=70,
            icon_name="tick",
        )
    if (
        approver_role(user)
        and page.permissions_for_user(user).can_publish()
        and untranslated(translation)
    ):
        yield ListingButton(
            _("Publish with untranslated text"),
            reverse("udsyn_publish_incomplete", args=[translation.pk]) + query,
            priority=71,
            icon_name="warning",
        )


hooks.register("register_page_header_buttons", review_buttons)
hooks.register("register_page_listing_more_buttons", review_buttons)


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_incomplete_translations(request, action_type, objects, action):
    """Bulk "Publish" would publish each page's latest revision, which for an incomplete
    translation holds Danish text in the gaps: refuse the whole batch, naming the pages."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from wagtail.admin.utils import get_valid_next_url_from_request
    from wagtail.models import Page

    if action_type != "publish" or not all(isinstance(o, Page) for o in objects):
        return None
    refused = []
    for page in objects:
        translation = target_translation(page)
        if translation is not None and (missing := untranslated(translation)):
            refused.append(
                IncompleteTranslationError(page, missing, translation.target_locale.language_code)
            )
    if not refused:
        return None
    for error in refused:
        messages.error(request, str(error))
    messages.error(request, _("Nothing was published."))
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
