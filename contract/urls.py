"""The one URL rule for everything public.

Every URL the site renders - rich-text links, link blocks, contacts' e-mail and phone, images,
any field added later - must be one of:

- site-relative: a path starting with a single ``/``, or ``#`` for a place on the same page;
- ``http`` or ``https`` with a host (and no user name or password in it);
- ``mailto:`` with one plain address (no ``?``: headers such as ``bcc`` would go with it);
- ``tel:`` with a plain number.

Values are judged the way a browser reads an ``href``: character references decoded (the HTML
parser does that before the URL parser sees the value), leading and trailing control characters
and spaces stripped, tabs and newlines removed anywhere, the scheme in any case, ``\\`` read as
``/`` after ``http:``. So ``jav&#x09;ascript:``, ``\\x01JavaScript:`` and ``java\\nscript:`` are
all ``javascript:``. The CMS refuses such values on save, transform drops them, and verify
refuses to publish a page that carries one."""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
# Schemes a browser runs or renders as a document of its own when a reader follows the link.
SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript", "data", "blob", "filesystem")

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# One plain address: no "?" (headers), "%" (encoded ones), "," or ";" (more recipients), "&".
_LOCAL = r"[\w!#$'*+/=^`{|}~-]+(?:\.[\w!#$'*+/=^`{|}~-]+)*"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
EMAIL = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+(?:[^\W\d_]{{2,63}}|xn--[a-zA-Z0-9-]{{2,59}})")
# A plain number, with the visual separators RFC 3966 allows: no parameters (";ext=", ...).
TEL = re.compile(r"\+?[0-9][0-9().\-]{1,30}")
# A name, or an IP address (urlsplit drops an IPv6 address's brackets).
_HOST = re.compile(r"[\w.\-]+|[0-9a-fA-F:.]+")


@dataclass(frozen=True)
class UrlProblem:
    """Why a value is not a public URL: ``code`` for callers that word it themselves (the
    CMS, in the editor's language), ``message`` in English for logs and build warnings."""

    code: str
    message: str


class UnsafeUrlError(ValueError):
    def __init__(self, value: str, problem: UrlProblem) -> None:
        self.value, self.problem = value, problem
        super().__init__(f"{problem.message}: {value[:120]!r}")


def as_browser_reads(value: str) -> str:
    """The URL a browser would follow for this attribute value."""
    value = html.unescape(value)
    return _TAB_OR_NEWLINE.sub("", value.strip(_C0_OR_SPACE))


def scheme_of(value: str) -> str | None:
    """The scheme, lower case, as a browser reads ``value``; None for a relative URL."""
    match = _SCHEME.match(as_browser_reads(value))
    return match.group(1).lower() if match else None


def problem(value: str) -> UrlProblem | None:
    """None when ``value`` may be a public URL; else why not. The value with character
    references decoded (what a browser follows) and the raw value must both pass: stricter
    than any one reading, so a value that is decoded once more, or once less, somewhere
    else cannot turn into a script."""
    for candidate in dict.fromkeys((html.unescape(value), value)):
        found = _problem(_TAB_OR_NEWLINE.sub("", candidate.strip(_C0_OR_SPACE)))
        if found is not None:
            return found
    return None


def _problem(url: str) -> UrlProblem | None:
    if not url:
        return UrlProblem("empty", "empty address")
    if _CONTROL.search(url):
        return UrlProblem("control", "control characters in the address")
    match = _SCHEME.match(url)
    if match is None:
        return _relative(url)
    scheme, rest = match.group(1).lower(), url[match.end() :]
    if scheme not in ALLOWED_SCHEMES:
        return UrlProblem(
            "scheme",
            f"{scheme}: addresses are not allowed (only {', '.join(ALLOWED_SCHEMES)} "
            "and addresses on this site)",
        )
    if scheme == "mailto":
        if not EMAIL.fullmatch(rest):
            return UrlProblem(
                "mailto", "mailto: takes one plain e-mail address (no ?, headers or lists)"
            )
        return None
    if scheme == "tel":
        if not TEL.fullmatch(rest):
            return UrlProblem("tel", "tel: takes a plain phone number")
        return None
    return _web(scheme, rest.replace("\\", "/"))


def _relative(url: str) -> UrlProblem | None:
    if url.startswith("#"):
        return None
    if url.startswith("/") and url[1:2] not in ("/", "\\"):
        return None
    if url.startswith(("//", "/\\", "\\")):
        return UrlProblem("host", "an address on another host needs http:// or https://")
    return UrlProblem("relative", "a relative address must start with / (or #)")


def _web(scheme: str, rest: str) -> UrlProblem | None:
    if not rest.startswith("//"):
        return UrlProblem("host", f"{scheme}: addresses need a host ({scheme}://…)")
    try:
        parts = urlsplit(f"{scheme}:{rest}")
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return UrlProblem("host", "not a valid web address")
    if "@" in parts.netloc:
        return UrlProblem("userinfo", "a user name or password in a web address is not allowed")
    if not parts.hostname or not _HOST.fullmatch(parts.hostname):
        return UrlProblem("host", "not a valid web address")
    if " " in rest:
        return UrlProblem("space", "spaces in a web address (write %20)")
    return None


def check(value: str) -> str:
    """``value`` as a browser reads it, if it may be a public URL; else UnsafeUrlError."""
    found = problem(value)
    if found is not None:
        raise UnsafeUrlError(value, found)
    return as_browser_reads(value)


def is_public(value: str) -> bool:
    return problem(value) is None


def script_capable(value: str) -> bool:
    """Would a browser run something, or render a document of its own, for this value if it
    were a URL? For attributes that are not meant to hold URLs at all."""
    return scheme_of(value) in SCRIPT_SCHEMES or scheme_of(html.unescape(value)) in SCRIPT_SCHEMES


def tel_href(phone: str) -> str | None:
    """The ``tel:`` URL of a phone number as people write it ("+45 96 28 28 28"), or None
    when it is not a plain number."""
    number = re.sub(r"[\s().\-]", "", phone)
    return f"tel:{number}" if re.fullmatch(r"\+?[0-9]{3,20}", number) else None


def mailto_href(address: str) -> str | None:
    """The ``mailto:`` URL of one plain address, or None."""
    address = address.strip()
    return f"mailto:{address}" if EMAIL.fullmatch(address) else None
