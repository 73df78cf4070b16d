"""Pelican plugin: renders Udsyn's pages straight from the transformed data.

Following Pelican's plugin pattern, ``register()`` wires a signal to a small class. The data
arrives in the ``UDSYN_SITE`` setting, so there are no intermediate Markdown files to write and
parse again."""

import contextlib
import ctypes
import dataclasses
import functools
import json
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from xml.sax.saxutils import quoteattr

from pelican import signals
from pelican.generators import Generator

from contract.pages import PAGE_TEMPLATES, UTILITY_TEMPLATES

from .i18n import Catalogue
from .model import Locale, Site, SitePage
from .paths import file_of
from .stages.transform import plain_text

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
    return dataclasses.replace(
        home,
        title=title,
        template=template,
        url=f"/{home.lang}/{path}",
        output_path=file_of(f"/{home.lang}/{path}"),
        fields={},
        fields_digest="",
        make_fields=None,
        alternates=versions,
        children=[],
        breadcrumbs=[],
        translation={"state": "source"},
        source=None,
    )


def write_file(path: str, text: str) -> None:
    """Write one output file as a new file. A file already at ``path`` is unlinked first, never
    truncated: in an incremental build it may be a hard link shared with the published site."""
    try:
        file = open(path, "x", encoding="utf-8")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        file = open(path, "x", encoding="utf-8")  # noqa: SIM115
    except FileExistsError:
        os.unlink(path)
        file = open(path, "x", encoding="utf-8")  # noqa: SIM115
    try:
        with file:
            file.write(text)
    except OSError as exc:  # a full disk fails the write, which names no file: name it
        exc.filename = exc.filename or path
        raise


class Files:
    """Writes files on worker threads while the main thread renders the next page: creating
    8,000 folders and files is system-call time, which overlaps with Jinja's Python time (the
    calls release the GIL). ``close()`` waits and raises the first failure."""

    def __init__(self, root: str, workers: int = 2) -> None:
        self.root = root
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="udsyn-write")
        self.pending: list[Future] = []

    def write(self, rel: str, text: str) -> None:
        self.pending.append(self.pool.submit(write_file, os.path.join(self.root, rel), text))
        if len(self.pending) >= 512:  # bound the memory held by rendered pages
            self._drain()

    def _drain(self) -> None:
        pending, self.pending = self.pending, []
        for future in pending:
            future.result()

    def close(self) -> None:
        try:
            self._drain()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)


DESCRIPTION_LENGTH = 160  # characters: about what search engines show under a title


def description(page: SitePage) -> str:
    """What search engines may show under the page's title: its summary, or the start of its
    introduction, welcome text or first paragraph; "" for a page with none of them."""
    fields = page.fields
    if fields.get("summary"):
        return fields["summary"]
    paragraphs = (b["value"] for b in fields.get("body") or () if b.get("type") == "paragraph")
    text = fields.get("intro") or fields.get("welcome") or next(paragraphs, "")
    return plain_text(str(text), DESCRIPTION_LENGTH)


# hreflang "x-default": where readers of a language the site does not have go, the language
# chooser, for every page (as search engines document it for a language or country
# selector). The chooser names the home pages back; it is no version of the other pages.
X_DEFAULT = "/"


def x_default(page: SitePage) -> str:
    """The URL a page names for hreflang "x-default": the language chooser."""
    return X_DEFAULT


def homes_of(site: Site) -> list[tuple[Locale, SitePage]]:
    """Each language's home page, in the languages' order: the language chooser's choices."""
    homes = {page.lang: page for page in site.pages if page.url == f"/{page.lang}/"}
    return [(locale, homes[locale.code]) for locale in site.locales if locale.code in homes]


def chooser_versions(homes: list[tuple[Locale, SitePage]]) -> list[SitePage]:
    """The home pages the chooser names as its versions (hreflang): those that name it, the
    ones with versions in other languages (a home with none names no versions at all)."""
    return [home for _, home in homes if len(home.alternates) > 1]


def sitemap(site: Site, base: str) -> str:
    """sitemap.xml with every page and the language chooser and, for each of them in more than
    one language, its versions and x-default (hreflang), as their heads name them."""

    def links(versions: list[tuple[str, str]], default: str) -> str:
        if len(versions) < 2:
            return ""
        return "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(base + url)}/>'
            for lang, url in [*versions, ("x-default", default)]
        )

    chooser = [(home.lang, home.url) for home in chooser_versions(homes_of(site))]
    rows = [f"<url><loc>{base}/</loc>{links(chooser, '/')}</url>"]
    shared: dict[int, str] = {}  # a translation's versions share one list of alternates
    for page in site.pages:
        found = shared.get(id(page.alternates))
        if found is None:
            versions = [(alt.lang, alt.url) for alt in page.alternates]
            found = shared[id(page.alternates)] = links(versions, x_default(page))
        rows.append(f"<url><loc>{base}{page.url}</loc>{found}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(rows) + "\n</urlset>\n"
    )


# From this many pages on, a forked helper renders half of them: Jinja is pure Python, so a
# second core takes a second process (Hugo uses every core too). Below, forking costs more
# than it saves.
PARALLEL_FROM = 2000


class Helper:
    """A forked process running ``work``. Its error comes back as one line through a pipe;
    it dies with its parent (a killed build leaves no process writing into staging)."""

    def __init__(self, work: Callable[[], None]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: never returns into the caller's code
            code = 0
            try:
                os.close(read)
                _die_with_parent()
                work()
            except BaseException as exc:
                failure = {"error": f"{type(exc).__name__}: {exc}"[:4000]}
                if isinstance(exc, OSError) and exc.errno:  # a full disk stays an OSError
                    failure |= {"errno": exc.errno, "filename": str(exc.filename or "")}
                os.write(write, json.dumps(failure).encode())
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.pipe = pid, read

    def join(self) -> None:
        with os.fdopen(self.pipe, "rb") as pipe:
            message = pipe.read().decode(errors="replace")
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            try:
                failure = json.loads(message)
            except ValueError:  # killed before it could say
                failure = {"error": f"render helper exited with status {status}"}
            if failure.get("errno"):
                code = failure["errno"]
                raise OSError(code, os.strerror(code), failure["filename"] or None)
            raise RuntimeError(failure["error"])

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.pipe)


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)


class UdsynGenerator(Generator):
    def generate_output(self, writer) -> None:
        # Pages are rendered here and written by ``Files``, not through Pelican's writer, whose
        # per-page context copy, logging and signals cost more than the pages themselves.
        pages: list[SitePage] = self.settings["UDSYN_PAGES"]  # all, or the changed ones
        render = self._renderer()  # before forking: the helper shares the compiled templates
        helper = None
        if len(pages) >= self.settings.get("UDSYN_PARALLEL_FROM", PARALLEL_FROM):
            half = len(pages) // 2
            helper = Helper(lambda: self._write(render, pages[half:], site_files=False))
            pages = pages[:half]
        try:
            self._write(render, pages, site_files=True)
        except BaseException:
            if helper is not None:
                helper.kill()
            raise
        if helper is not None:
            helper.join()

    def _renderer(self) -> Callable[[SitePage], str]:
        site: Site = self.settings["UDSYN_SITE"]
        catalogues: dict[str, Catalogue] = self.settings["UDSYN_CATALOGUES"]
        common = {
            **self.context,
            "site_url": self.settings["UDSYN_SITE_URL"].rstrip("/"),
            "x_default": x_default,
            "description": description,
            "locales": site.locales,
            "accessibility_url": self.settings["UDSYN_ACCESSIBILITY_URL"],
            "search": self.settings["UDSYN_SEARCH"],
        }
        # Each block partial's module (its macros), loaded and run once per build.
        common["block_partial"] = functools.cache(
            lambda kind: self.env.get_template(f"blocks/{kind}.html").module
        )
        templates = {name: self.get_template(name) for name in PAGE_TEMPLATES.values()}
        templates |= {name: self.get_template(name) for name in UTILITY_TEMPLATES}
        for name in self.env.list_templates(filter_func=lambda n: n.startswith("blocks/")):
            common["block_partial"](name.removeprefix("blocks/").removesuffix(".html"))

        def render(page: SitePage) -> str:
            page.ensure_fields()
            ui = catalogues[page.lang]
            return templates[page.template].render(
                {**common, "page": page, "_": ui.gettext, "ngettext": ui.ngettext, "date": ui.date}
            )

        self._common = common
        return render

    def _write(self, render, pages: list[SitePage], site_files: bool) -> None:
        files = Files(self.output_path)
        try:
            for page in pages:
                files.write(page.output_path, render(page))
            if site_files:
                self._write_site_files(render, files)
        finally:
            files.close()

    def _write_site_files(self, render, files: Files) -> None:
        """The pages every build writes: 404 and search pages, sitemap, robots.txt, and the
        language chooser."""
        site: Site = self.settings["UDSYN_SITE"]
        catalogues: dict[str, Catalogue] = self.settings["UDSYN_CATALOGUES"]
        homes = {page.lang: page for page in site.pages if page.url == f"/{page.lang}/"}
        for lang, home in homes.items():
            ui = catalogues[lang]
            others = list(homes.values())
            page = utility_page(home, others, "not_found", ui.gettext("Page not found"), "404.html")
            files.write(page.output_path, render(page))
            if self.settings["UDSYN_SEARCH"]:
                page = utility_page(home, others, "search", ui.gettext("Search"), "search/")
                files.write(page.output_path, render(page))
        base = self.settings["UDSYN_SITE_URL"].rstrip("/")
        files.write("sitemap.xml", sitemap(site, base))
        files.write("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n")
        if not self.settings["UDSYN_WRITE_ROOT"]:
            return
        chooser = self.get_template("choose_language")
        choices = homes_of(site)
        context = {
            **self._common,
            "homes": choices,
            "versions": chooser_versions(choices),
            "catalogues": catalogues,
        }
        files.write("index.html", chooser.render(context))


def get_generators(pelican):
    return UdsynGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
