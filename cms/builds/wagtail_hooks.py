from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import BuildRun


class LastBuildPanel(Component):
    """On the admin home: when the public site was last built, and how it went."""

    name = "udsyn_last_build"
    order = 50
    template_name = "builds/last_build_panel.html"

    def get_context_data(self, parent_context=None):
        return {"runs": list(BuildRun.objects.all()[:5])}


@hooks.register("construct_homepage_panels")
def add_last_build_panel(request, panels):
    panels.append(LastBuildPanel())
