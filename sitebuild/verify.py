"""Stage 4, verify: reads the rendered folder and refuses to publish a broken or leaking site."""

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from contract import urls

from .errors import VerifyError

LEFTOVERS = re.compile(r"linktype=|\{\{|\{%")


@dataclass
class PageFacts:
    lang: str | None = None
    dir: str | None = None
    title: str = ""
    h1: str = ""
    links: list[str] = field(default_factory=list)
    # hreflang -> href as parsed; verify keeps the site path it names (see there)
    alternates: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None  # <link rel="canonical">'s href
    third_party: list[str] = field(default_factory=list)  # resources loaded from other hosts
    stylesheets: list[str] = field(default_factory=list)
    size: int = 0  # bytes of HTML
    skip_link: bool = False  # an <a href="#main"> before anything else to tab to
    language_list: bool = False  # the "read this page in" navigation


# Elements and attributes that make a browser fetch something (an <a href> does not).
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
}
LOADING_LINKS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "dns-prefetch",
    "preconnect",
}


# -- Nothing executable: the URL rule in every attribute, no handlers, no inline script ----

# Attributes a browser reads as a URL (to follow, load, submit to or send to): each passes the
# whole URL rule. Those holding several: srcset-like ones comma-separated, the rest spaces.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "cite", "background", "manifest",
    "codebase", "longdesc", "lowsrc", "dynsrc", "usemap", "icon", "profile", "classid",
    "xlink:href", "ping", "archive", "srcset", "imagesrcset",
}  # fmt: skip
SPACE_LISTS = {"ping", "archive"}
SRCSET_LISTS = {"srcset", "imagesrcset"}
LISTS = SPACE_LISTS | SRCSET_LISTS
# Words for people: a summary may well begin "Data:", and no browser follows these.
TEXT_ATTRIBUTES = {
    "alt", "title", "content", "label", "placeholder", "aria-label", "aria-description",
    "aria-roledescription", "aria-valuetext", "aria-placeholder",
}  # fmt: skip
# SVG animation values are ";"-separated and can set an href ("javascript:…" among them).
SEMICOLON_LISTS = {"values", "to", "from", "by"}
REFRESH_URL = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']*)""", re.I)


INLINE_SCRIPT = "inline <script> (scripts load from files on this site)"


@lru_cache(maxsize=1 << 16)
def _url_problem(value: str) -> str | None:
    """The rule's verdict, remembered: most URLs (menus, languages, styles) are on every page."""
    found = urls.problem(value)
    return None if found is None else found.message


def _urls_of(name: str, value: str) -> list[str]:
    if name in SRCSET_LISTS:
        return [part.split()[0] for part in value.split(",") if part.strip()]
    if name in SPACE_LISTS:
        return value.replace(",", " ").split()
    return [value]


def executable(tag: str, attrs: list[tuple[str, str | None]], found: list[str]) -> None:
    """Adds to ``found`` what in one start tag could run script or open a document of its
    own: URLs that fail the URL rule, event handlers, script-capable values anywhere else,
    ``srcdoc``. Ordered so that the common attributes cost a set lookup or two: this runs
    for every tag of every page of a full build."""
    for name, value in attrs:
        if name in URL_ATTRIBUTES:
            if value is None:
                continue
            for url in _urls_of(name, value) if name in LISTS else (value,):
                if (message := _url_problem(url)) is not None:
                    found.append(f"<{tag} {name}> {url[:80]!r}: {message}")
        elif name.startswith("on"):
            found.append(f"<{tag} {name}>: event-handler attributes are not allowed")
        elif value is None:
            continue
        elif tag == "meta" and name == "content":
            if "refresh" in _http_equiv(attrs):
                target = REFRESH_URL.match(value).group(1).strip()
                if target and (message := _url_problem(target)) is not None:
                    found.append(f"<meta http-equiv=refresh> {target[:80]!r}: {message}")
        elif name == "srcdoc":
            found.append(f"<{tag} srcdoc>: an inline document is not allowed")
        elif name in TEXT_ATTRIBUTES or (":" not in value and "&" not in value):
            continue  # nothing a browser could read as a scheme
        elif any(
            map(urls.script_capable, value.split(";") if name in SEMICOLON_LISTS else [value])
        ):
            found.append(f"<{tag} {name}> {value[:80]!r}: a script or data address")


def _http_equiv(attrs: list[tuple[str, str | None]]) -> str:
    return next(((v or "").lower() for n, v in attrs if n == "http-equiv"), "")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in: str | None = None  # "title" or "h1" while inside one
        self._anchors = 0
        # Not facts to keep: a page with any of these is never published.
        self.executable: list[str] = []
        self._script_src = False  # inside a <script src>, whose content must be empty

    def handle_starttag(self, tag, attrs):
        if attrs:
            executable(tag, attrs, self.executable)
        if tag == "script":
            self._script_src = any(name == "src" and value for name, value in attrs)
            if not self._script_src:
                self.executable.append(INLINE_SCRIPT)
        attr = dict(attrs)
        if tag == "html":
            self.facts.lang, self.facts.dir = attr.get("lang"), attr.get("dir")
        elif tag == "a" and not self._anchors:
            self._anchors = 1
            self.facts.skip_link = attr.get("href") == "#main"
        elif tag == "nav" and "languages" in (attr.get("class") or "").split():
            self.facts.language_list = True
        elif tag in ("title", "h1"):
            self._in = tag
        elif tag == "link" and attr.get("rel") == "alternate" and attr.get("hreflang"):
            self.facts.alternates[attr["hreflang"]] = attr.get("href") or ""
        elif tag == "link" and attr.get("rel") == "canonical":
            self.facts.canonical = attr.get("href") or ""
        for name in ("href", "src"):
            if attr.get(name):
                self.facts.links.append(attr[name])
        if tag == "link" and "stylesheet" in (attr.get("rel") or "").lower().split():
            self.facts.stylesheets.append(attr.get("href") or "")
        loaded = [attr.get(name) for name in RESOURCE_ATTRIBUTES.get(tag, ())]
        if tag == "link" and LOADING_LINKS & set((attr.get("rel") or "").lower().split()):
            loaded.append(attr.get("href"))
        for value in filter(None, loaded):
            for url in value.split(","):  # srcset: "a.png 1x, b.png 2x"
                url = url.strip().split(" ")[0]
                if urlsplit(url).netloc or url.startswith("//"):
                    self.facts.third_party.append(url)

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None
        elif tag == "script":
            self._script_src = False

    def handle_data(self, data):
        if self._script_src and data.strip():
            self.executable.append(INLINE_SCRIPT)
        if self._in == "title":
            self.facts.title += data
        elif self._in == "h1":
            self.facts.h1 += data


class SiteAddress:
    """The site's public address (``--site-url``), to which canonical and hreflang URLs must
    be absolute: search engines read them so. Without one given, the first such URL met sets
    it, and every other must agree."""

    def __init__(self, base: str | None) -> None:
        self.base = base.rstrip("/") if base else None

    def path(self, href: str) -> str | None:
        """The site path ``href`` names on the address, or None if it is not such a URL."""
        if self.base is None:
            parts = urlsplit(href)
            # A web address by the one URL rule (of its schemes, only http(s) have a host).
            if urls.problem(href) is not None or not parts.netloc:
                return None
            self.base = f"{parts.scheme}://{parts.netloc}"
        if not href.startswith(self.base + "/"):
            return None
        path = href[len(self.base) :]
        return None if "?" in path or "#" in path else path


CHOOSER = "/"  # the language chooser: every page's hreflang x-default


def hreflang_problems(
    url: str, page: PageFacts, facts: dict[str, PageFacts], skip: dict[str, dict] | None = None
) -> list[str]:
    """What search engines would not accept in a page's hreflang set (site paths by then, see
    ``verify``): each naming an existing page of that language that names this one back and
    names the same set of versions; the page itself among them, and x-default naming the
    language chooser (which names only the home pages back: it is no version of the other
    pages). ``skip``, for a page carried over from a verified build: only its alternates to
    pages not in ``skip`` are checked (the rest held there, with the page)."""
    problems = []
    # Under which hreflang the page names itself: its language; x-default for the chooser.
    own = page.lang if page.alternates.get(page.lang or "") == url else "x-default"
    for lang, target in page.alternates.items():
        if skip is not None and target in skip:
            continue
        other = facts.get(target)
        if other is None:
            problems.append(f"{url}: hreflang {lang} points to missing {target}")
        elif lang == "x-default":
            if target != CHOOSER:
                problems.append(f"{url}: hreflang x-default names {target}, not the chooser /")
        elif other.lang != lang:
            problems.append(f"{url}: hreflang {lang} points to a {other.lang} page")
        elif other.alternates.get(own) != url:
            problems.append(f"{url}: hreflang {lang} -> {target} is not reciprocal")
        elif other.alternates != page.alternates:
            problems.append(f"{url}: hreflang {lang} -> {target} names other versions")
    if skip is not None or not page.alternates:
        return problems
    if url not in page.alternates.values():
        problems.append(f"{url}: its hreflang alternates do not name the page itself")
    if "x-default" not in page.alternates:
        problems.append(f"{url}: hreflang alternates without x-default")
    return problems


def list_files(root: Path) -> set[str]:
    """Every file under ``root``, as relative paths (what ``os.walk`` finds: a link to a
    folder is not followed nor listed). Scandir with path prefixes built as it goes, because
    ``os.walk`` and ``relpath`` took twice as long over 8,000 folders, on every build."""
    files: set[str] = set()
    folders = [("", os.fspath(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.is_dir():
                    files.add(prefix + entry.name)
                elif not entry.is_symlink():
                    folders.append((f"{prefix}{entry.name}/", entry.path))
    return files


def count_pages(files: set[str] | Path) -> Counter:
    """HTML pages per top-level folder (language), of a folder or a listing of one."""
    listing = list_files(files) if isinstance(files, Path) else files
    return Counter(rel.split("/", 1)[0] for rel in listing if rel.endswith(".html") and "/" in rel)


def verify(
    root: Path,
    previous: Path | None = None,
    max_drop: float = 0.25,
    known: dict[str, dict] | None = None,
    max_page_bytes: int = 15 * 1024,
    previous_counts: dict[str, int] | None = None,
    files: set[str] | None = None,
    known_links_hold: bool = False,
    site_url: str | None = None,
) -> dict[str, dict]:
    """Check the site in ``root`` and return the facts of every page, by URL. ``known`` holds
    the facts of files carried over unchanged from a verified build (incremental builds): they
    are not parsed again, but every link and hreflang check still covers them. The page-count
    check compares with ``previous_counts`` or else counts the ``previous`` site's pages.
    ``files`` is ``list_files(root)`` if the caller has it already. ``known_links_hold``: the
    caller vouches that every file of the site the ``known`` facts were verified in is still
    in ``files``, so the links of known pages, which all resolved there, still resolve and are
    not looked up again (a one-page build's verify was mostly that, over 340,000 links); nor
    are their weights and the hreflang alternates between known pages checked again.
    ``site_url``: the public address the canonical and hreflang URLs must be on.
    Raises VerifyError listing every problem."""
    problems: list[str] = []
    address = SiteAddress(site_url)
    known = known or {}
    facts: dict[str, PageFacts] = {url: PageFacts(**f) for url, f in known.items()}
    files = list_files(root) if files is None else files
    for rel in sorted(f for f in files if f.endswith(".html")):
        url = "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
        if url in facts:
            continue
        text = (root / rel).read_text(encoding="utf-8")
        parser = _Parser()
        parser.feed(text)
        page = facts[url] = parser.facts
        page.size = len(text.encode())
        problems += [f"{url}: {found}" for found in parser.executable]
        if not text.lstrip().lower().startswith("<!doctype html>"):
            problems.append(f"{url}: no HTML5 doctype")
        if not page.lang:
            problems.append(f"{url}: <html> has no lang")
        if page.dir not in ("ltr", "rtl"):
            problems.append(f"{url}: <html> has no valid dir")
        if not page.title.strip():
            problems.append(f"{url}: empty <title>")
        if not page.h1.strip():
            problems.append(f"{url}: no page title (<h1> missing or empty)")
        if not page.skip_link:
            problems.append(f"{url}: no skip link to #main before the other links")
        if not page.language_list and url != "/":
            problems.append(f"{url}: no language list")
        if page.canonical is None:
            problems.append(f'{url}: no <link rel="canonical">')
        elif address.path(page.canonical) != url:
            problems.append(
                f"{url}: canonical {page.canonical} is not this page's absolute URL"
                f" on {address.base}"
            )
        # Checked here, once: the facts keep site paths, which the checks below (and those of
        # the next incremental builds, for the pages they carry over) compare.
        paths = {}
        for lang, href in page.alternates.items():
            if (path := address.path(href)) is None:
                problems.append(
                    f"{url}: hreflang {lang} {href} is not an absolute URL on {address.base}"
                )
            else:
                paths[lang] = path
        page.alternates = paths
        problems += [
            f"{url}: loads {resource} from another host (no third-party requests)"
            for resource in page.third_party
        ]
        if match := LEFTOVERS.search(text):
            problems.append(f"{url}: CMS or template markup left over ({match.group()!r})")
    resolves: dict[str, bool] = {}

    def resolved(link: str) -> bool:
        if link not in resolves:
            parts = urlsplit(link)
            internal = not (parts.scheme or parts.netloc) and parts.path.startswith("/")
            path = unquote(parts.path).lstrip("/")
            path = path + "index.html" if path.endswith("/") or not path else path
            resolves[link] = not internal or path in files
        return resolves[link]

    css_size: dict[str, int] = {}

    def weight_of(page: PageFacts) -> int:
        """Bytes of its HTML and of the stylesheets it loads."""
        weight = page.size
        for href in page.stylesheets:
            path = unquote(urlsplit(href).path).lstrip("/")
            if path not in css_size:
                css_size[path] = os.path.getsize(root / path) if path in files else 0
            weight += css_size[path]
        return weight

    for url, page in facts.items():
        # A kept page passed in the site it was verified in, with the same stylesheet (a new
        # one makes a full build) and links that all still resolve: only its alternates that
        # point at pages parsed now can fail now.
        kept = known_links_hold and url in known
        if not kept:
            if (weight := weight_of(page)) > max_page_bytes:
                problems.append(
                    f"{url}: {weight:,} bytes of HTML and CSS, "
                    f"over the {max_page_bytes:,}-byte budget"
                )
            problems += [
                f"{url}: link to {link} does not resolve"
                for link in page.links
                if not resolved(link)
            ]
        problems += hreflang_problems(url, page, facts, known if kept else None)
    if previous_counts is not None or (previous is not None and previous.is_dir()):
        before = Counter(previous_counts) if previous_counts is not None else count_pages(previous)
        problems += page_drops(before, files, max_drop)
    if problems:
        raise VerifyError(problems)
    return {url: vars(page) for url, page in facts.items()}


def page_drops(before: Counter | dict[str, int], files: set[str], max_drop: float) -> list[str]:
    """The languages of the site listed in ``files`` that have lost more than ``max_drop`` of
    the pages ``before`` counts (``count_pages`` of the published site)."""
    after = count_pages(files)
    return [
        f"/{lang}/: {after.get(lang, 0)} pages, down from {count} "
        f"(more than {max_drop:.0%}); pass a larger --max-drop if intended"
        for lang, count in sorted(before.items())
        if count and (count - after.get(lang, 0)) / count > max_drop
    ]
