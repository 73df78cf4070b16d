"""A small vocabulary for writing demo content once, in every language, as data.

A ``T`` is one piece of text in several languages ({"da": ..., "en": ...}). Page specs are
plain tuples and lists holding ``T``s; the loader builds the Danish page from the "da" texts and
hands every (Danish, translated) pair to wagtail-localize as the translation of that segment.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

T = dict[str, str]


@dataclass
class PageSpec:
    key: str  # stable identifier, used for links between demo pages and for idempotency
    model: str  # "app_label.ModelName"
    slug: str  # Danish slug
    title: T
    fields: dict[str, Any] = field(default_factory=dict)
    children: list["PageSpec"] = field(default_factory=list)
    languages: tuple[str, ...] = ("en", "de")


def texts(value: Any) -> Iterator[T]:
    """Every ``T`` inside a spec value, depth first."""
    if isinstance(value, dict) and "da" in value:
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)


def pick(value: Any, lang: str) -> Any:
    """The spec value with every ``T`` replaced by its text in ``lang``."""
    if isinstance(value, dict) and "da" in value:
        return value[lang]
    if isinstance(value, dict) and "richtext" in value:
        return to_html(value, lang)
    if isinstance(value, dict):
        return {key: pick(item, lang) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(pick(item, lang) for item in value)
    return value


def paragraphs(*items: T) -> dict:
    """Rich text of several paragraphs; each becomes one translation segment."""
    return {"richtext": [("p", item) for item in items]}


def bullets(*items: T) -> dict:
    return {"richtext": [("ul", list(items))]}


# Inline page links in demo text: "Read about [moving here](page:moving)."
LINK = re.compile(r"\[([^\]]+)\]\(page:([\w-]+)\)")


def inline_html(text: str) -> str:
    """Escaped text with demo links as Wagtail's stored form; ``page:<key>`` stands in for the
    page id until the loader knows it."""
    out, last = [], 0
    for match in LINK.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        label = html.escape(match.group(1), quote=False)
        out.append(f'<a linktype="page" id="page:{match.group(2)}">{label}</a>')
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def segment_html(text: str) -> str:
    """The text as wagtail-localize holds a rich-text segment: links numbered a1, a2, ..."""
    count = iter(range(1, 100))
    escaped = LINK.sub(lambda m: f"\x00{next(count)}\x01{m.group(1)}\x02", text)
    escaped = html.escape(escaped, quote=False)
    return re.sub(r"\x00(\d+)\x01(.*?)\x02", r'<a id="a\1">\2</a>', escaped)


def to_html(value: dict, lang: str) -> str:
    out = []
    for tag, content in value["richtext"]:
        if tag == "p":
            out.append(f"<p>{inline_html(content[lang])}</p>")
        else:
            items = "".join(f"<li>{inline_html(i[lang])}</li>" for i in content)
            out.append(f"<{tag}>{items}</{tag}>")
    return "".join(out)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# Block constructors: each returns (block type, value), the value still holding ``T``s.


def heading(text: T, level: str = "h2") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": level})


def para(*items: T) -> tuple[str, dict]:
    return ("paragraph", paragraphs(*items))


def ul(*items: T) -> tuple[str, dict]:
    return ("paragraph", bullets(*items))


def steps(title: T | None, *items: tuple[T, T]) -> tuple[str, dict]:
    return (
        "steps",
        {
            "title": title or "",
            "steps": [{"title": name, "text": paragraphs(text)} for name, text in items],
        },
    )


def checklist(title: T, *items: T) -> tuple[str, dict]:
    return ("checklist", {"title": title, "items": list(items)})


def contact(key: str) -> tuple[str, dict]:
    return ("contact", {"ref": f"contact:{key}"})


def links(title: T, *items: tuple[T, str]) -> tuple[str, dict]:
    """Each link is (text, target); a target "page:<key>" is a demo page, anything else a URL."""
    return ("links", {"title": title, "links": [{"text": t, "target": x} for t, x in items]})


def notice(tone: str, text: T) -> tuple[str, dict]:
    return ("notice", {"tone": tone, "text": paragraphs(text)})
