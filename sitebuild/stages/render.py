"""Stage 3, render: Pelican 4.12 with Jinja autoescape, fed by the Udsyn generator plugin."""

import contextlib
import io
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.bccache
from pelican import Pelican
from pelican.settings import read_settings

from .. import i18n, paths
from ..errors import BuildError, RenderError
from ..model import Site, SitePage

THEME, LOCALES = paths.THEME, paths.LOCALES
DEFAULT_ACCESSIBILITY_URL = "https://www.was.digst.dk/"
# The public address, for sitemap.xml and robots.txt (absolute URLs are required there).
DEFAULT_SITE_URL = os.environ.get("UDSYN_SITE_URL", "http://127.0.0.1:8001")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, not once per build: a long-running build
    (server.py) spent a tenth of a one-page build compiling the same templates again. Jinja
    checks each entry against its template's source checksum, so an edited template is
    compiled afresh."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()

    def __deepcopy__(self, memo: dict) -> "_CompiledTemplates":
        return self  # Pelican copies its settings: the one cache must stay shared


COMPILED = _CompiledTemplates()


def pelican_settings(
    site: Site,
    output: Path,
    content: Path,
    *,
    theme: Path = THEME,
    locales_dir: Path = LOCALES,
    accessibility_url: str = DEFAULT_ACCESSIBILITY_URL,
    site_url: str = DEFAULT_SITE_URL,
    search: bool = False,
    pages: list[SitePage] | None = None,
    write_root: bool = True,
) -> dict:
    catalogues = {locale.code: i18n.load(locales_dir, locale.code) for locale in site.locales}
    return read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "THEME": str(theme),
            "THEME_STATIC_DIR": "static",
            "SITEURL": "",
            "TIMEZONE": "Europe/Copenhagen",
            "RELATIVE_URLS": False,
            "DELETE_OUTPUT_DIRECTORY": False,
            "PLUGINS": ["sitebuild.pelican_plugin"],
            # auto_reload off: templates do not change during a build, and checking each one's
            # modification time on every include or import was 100,000 stat calls.
            "JINJA_ENVIRONMENT": {
                "autoescape": True,
                "trim_blocks": True,
                "lstrip_blocks": True,
                "auto_reload": False,
                "bytecode_cache": COMPILED,
            },
            # Pelican's blog machinery is not used: every page comes from the plugin.
            "ARTICLE_PATHS": [],
            "PAGE_PATHS": [],
            "STATIC_PATHS": [],
            "DIRECT_TEMPLATES": [],
            "FEED_ALL_ATOM": None,
            "CATEGORY_FEED_ATOM": None,
            "TRANSLATION_FEED_ATOM": None,
            "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None,
            "AUTHOR_SAVE_AS": "",
            "CATEGORY_SAVE_AS": "",
            "TAG_SAVE_AS": "",
            "ARCHIVES_SAVE_AS": "",
            "AUTHORS_SAVE_AS": "",
            "CATEGORIES_SAVE_AS": "",
            "TAGS_SAVE_AS": "",
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "UDSYN_SITE": site,
            "UDSYN_PAGES": site.pages if pages is None else pages,
            "UDSYN_WRITE_ROOT": write_root,
            "UDSYN_CATALOGUES": catalogues,
            "UDSYN_ACCESSIBILITY_URL": accessibility_url,
            "UDSYN_SITE_URL": site_url,
            "UDSYN_SEARCH": search,
        }
    )


def render(
    site: Site, output: Path, progress: Callable[[str], None] = lambda _: None, **options
) -> None:
    """Render ``site`` into ``output`` (an empty folder): every page, or with ``pages=`` only
    those (incremental builds); ``write_root=False`` leaves out the language chooser."""
    with tempfile.TemporaryDirectory(prefix="udsyn-content-") as content:
        settings = pelican_settings(site, output, Path(content), **options)
        # Pelican logs every file it writes; the CLI prints its own progress instead.
        logging.getLogger("pelican").setLevel(logging.WARNING)
        try:
            # Pelican prints its own blog-oriented summary ("0 articles"); the CLI reports.
            with contextlib.redirect_stdout(io.StringIO()):
                Pelican(settings).run()
        except BuildError:
            raise
        except Exception as exc:
            raise RenderError(f"Pelican failed: {type(exc).__name__}: {exc}") from exc
    rendered = len(options["pages"]) if options.get("pages") is not None else len(site.pages)
    progress(f"{rendered} of {len(site.pages)} pages rendered")
