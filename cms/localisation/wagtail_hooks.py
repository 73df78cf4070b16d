from django.middleware.csrf import get_token
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.languages import BY_CODE

from . import dashboard, notifications, po_views, views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("translation-status/", views.translation_status, name="udsyn_translation_status"),
        path(
            "translation-status/<int:page_id>/<str:locale>/changes/",
            views.translation_changes,
            name="udsyn_translation_changes",
        ),
        path(
            "translation-status/notices/read/",
            views.mark_notices_read,
            name="udsyn_translation_notices_read",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        "Translation status", reverse("udsyn_translation_status"), icon_name="site", order=250
    )


class TranslationSummaryPanel(Component):
    """On a translator's admin home: where their languages stand, what is outdated, and what
    changed since they last looked."""

    name = "udsyn_translation_summary"
    order = 40
    template_name = "localisation/home_panel.html"

    def __init__(self, codes: list[str], request) -> None:
        self.codes = codes
        self.request = request

    def get_context_data(self, parent_context=None):
        # Only the translator's languages, not the whole matrix: this is every admin-home visit.
        found = dashboard.summary(self.codes)
        order = ("current", "outdated", "partial", "missing")
        return {
            "locales": [
                (code, BY_CODE[code].name, [found.counts[code][state] for state in order])
                for code in self.codes
                if code in found.counts
            ],
            "outdated": [(page, BY_CODE[page.code].name) for page in found.outdated],
            "notices": notifications.unread(self.request.user),
            # Rendered without the request: the dismiss form needs its CSRF token handed over.
            "csrf_token": get_token(self.request),
            "next": self.request.get_full_path(),
        }


@hooks.register("construct_homepage_panels")
def add_translation_summary(request, panels):
    codes = notifications.translator_locales(request.user)
    if codes:
        panels.append(TranslationSummaryPanel(codes, request))


@hooks.register("register_admin_urls")
def register_po_file_urls():
    return [
        path("po-files/", po_views.po_files, name="udsyn_po_files"),
        path("po-files/export/", po_views.po_export, name="udsyn_po_export"),
        path("po-files/import/", po_views.po_import, name="udsyn_po_import"),
        # wagtail-localize's per-page upload URL: this app's hooks run first, so this view
        # answers it (reverse("wagtail_localize:upload_pofile") gives the same path).
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            po_views.upload_page_pofile,
            name="udsyn_upload_pofile",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_po_files_menu_item():
    return po_views.menu_item()
