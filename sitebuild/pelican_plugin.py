"""Pelican plugin: renders Udsyn's pages straight from the transformed data.

Following Pelican's plugin pattern, ``register()`` wires a signal to a small class. The data
arrives in the ``UDSYN_SITE`` setting, so there are no intermediate Markdown files to write and
parse again."""

import dataclasses
from pathlib import Path
from xml.sax.saxutils import quoteattr

from pelican import signals
from pelican.generators import Generator

from .i18n import Catalogue
from .model import Site, SitePage

# Written on every build, whatever changed: cheap, and they list every page.
SITE_WIDE = ("sitemap.xml", "robots.txt")


def utility_page(
    home: SitePage, homes: list[SitePage], template: str, title: str, path: str
) -> SitePage:
    """A page every language has besides its content (the 404 page, the search page): its
    home page's frame, with the same page in the other languages as its versions."""
    versions = [
        dataclasses.replace(alt, url=f"/{alt.lang}/{path}", title=title)
        for other in homes
        for alt in other.alternates
        if alt.lang == other.lang
    ]
    output = f"{home.lang}/{path}" + ("index.html" if path.endswith("/") else "")
    return dataclasses.replace(
        home,
        title=title,
        template=template,
        url=f"/{home.lang}/{path}",
        output_path=output,
        fields={},
        alternates=versions,
        children=[],
        breadcrumbs=[],
        translation={"state": "source"},
        source=None,
    )


def sitemap(site: Site, base: str) -> str:
    """sitemap.xml with every page and, per page, its language versions (hreflang)."""
    rows = []
    for page in site.pages:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(alt.lang)} '
            f"href={quoteattr(base + alt.url)}/>"
            for alt in page.alternates
            if len(page.alternates) > 1
        )
        rows.append(f"<url><loc>{base}{page.url}</loc>{links}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(rows) + "\n</urlset>\n"
    )


class UdsynGenerator(Generator):
    def generate_output(self, writer) -> None:
        site: Site = self.settings["UDSYN_SITE"]
        pages: list[SitePage] = self.settings["UDSYN_PAGES"]  # all, or the changed ones
        catalogues: dict[str, Catalogue] = self.settings["UDSYN_CATALOGUES"]
        common = {
            "locales": site.locales,
            "accessibility_url": self.settings["UDSYN_ACCESSIBILITY_URL"],
            "search": self.settings["UDSYN_SEARCH"],
        }

        def write(page: SitePage) -> None:
            ui = catalogues[page.lang]
            writer.write_file(
                page.output_path,
                self.get_template(page.template),
                self.context,
                page=page,
                _=ui.gettext,
                ngettext=ui.ngettext,
                date=ui.date,
                **common,
            )

        for page in pages:
            write(page)
        homes = {page.lang: page for page in site.pages if page.url == f"/{page.lang}/"}
        for lang, home in homes.items():
            ui = catalogues[lang]
            others = list(homes.values())
            write(utility_page(home, others, "not_found", ui.gettext("Page not found"), "404.html"))
            if common["search"]:
                write(utility_page(home, others, "search", ui.gettext("Search"), "search/"))
        base = self.settings["UDSYN_SITE_URL"].rstrip("/")
        out = Path(self.output_path)
        (out / "sitemap.xml").write_text(sitemap(site, base), encoding="utf-8")
        (out / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n", encoding="utf-8"
        )
        if not self.settings["UDSYN_WRITE_ROOT"]:
            return
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
