from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.languages import BY_CODE

from . import dashboard, views


@hooks.register("register_admin_urls")
def register_urls():
    return [path("translation-status/", views.translation_status, name="udsyn_translation_status")]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        "Translation status", reverse("udsyn_translation_status"), icon_name="site", order=250
    )


def translator_locales(user) -> list[str]:
    """The languages a user translates, from their "Translators (<code>)" groups."""
    names = user.groups.filter(name__startswith="Translators (").values_list("name", flat=True)
    return [name.removeprefix("Translators (").removesuffix(")") for name in names]


class TranslationSummaryPanel(Component):
    """On a translator's admin home: where their languages stand."""

    name = "udsyn_translation_summary"
    order = 40
    template_name = "localisation/home_panel.html"

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes

    def get_context_data(self, parent_context=None):
        counts = dashboard.build().counts
        order = ("current", "outdated", "partial", "missing")
        return {
            "locales": [
                (code, BY_CODE[code].name, [counts[code][state] for state in order])
                for code in self.codes
                if code in counts
            ]
        }


@hooks.register("construct_homepage_panels")
def add_translation_summary(request, panels):
    codes = translator_locales(request.user)
    if codes:
        panels.append(TranslationSummaryPanel(codes))
