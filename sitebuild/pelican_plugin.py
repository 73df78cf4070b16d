"""Pelican plugin: renders Udsyn's pages straight from the transformed data.

Following Pelican's plugin pattern, ``register()`` wires a signal to a small class. The data
arrives in the ``UDSYN_SITE`` setting, so there are no intermediate Markdown files to write and
parse again."""

from pelican import signals
from pelican.generators import Generator

from .i18n import Catalogue
from .model import Site, SitePage


class UdsynGenerator(Generator):
    def generate_output(self, writer) -> None:
        site: Site = self.settings["UDSYN_SITE"]
        pages: list[SitePage] = self.settings["UDSYN_PAGES"]  # all, or the changed ones
        catalogues: dict[str, Catalogue] = self.settings["UDSYN_CATALOGUES"]
        common = {
            "locales": site.locales,
            "accessibility_url": self.settings["UDSYN_ACCESSIBILITY_URL"],
        }
        for page in pages:
            ui = catalogues[page.lang]
            writer.write_file(
                page.output_path,
                self.get_template(page.template),
                self.context,
                page=page,
                _=ui.gettext,
                ngettext=ui.ngettext,
                **common,
            )
        if not self.settings["UDSYN_WRITE_ROOT"]:
            return
        homes = {page.lang: page for page in site.pages if page.url == f"/{page.lang}/"}
        writer.write_file(
            "index.html",
            self.get_template("choose_language"),
            self.context,
            homes=[(locale, homes[locale.code]) for locale in site.locales if locale.code in homes],
            catalogues=catalogues,
            **common,
        )


def get_generators(pelican):
    return UdsynGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
