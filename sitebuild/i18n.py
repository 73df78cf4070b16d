"""Interface strings of the static site, from gettext catalogues in ``locales/`` read with polib.

The site's own words (navigation, labels, the skip link) are not CMS content: they live in PO
files that translators edit with their usual tools, one per language."""

import gettext
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .errors import RenderError

DOMAIN = "site"


@dataclass
class Catalogue:
    lang: str
    messages: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, list[str]] = field(default_factory=dict)
    plural: Callable[[int], int] = lambda n: int(n != 1)

    def gettext(self, msgid: str, **values: object) -> str:
        text = self.messages.get(msgid) or msgid
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        forms = self.plurals.get(singular)
        if forms and all(forms):
            text = forms[min(self.plural(n), len(forms) - 1)]
        else:
            text = singular if n == 1 else plural
        return text % {"num": n, **values}


def po_path(locales_dir: Path, lang: str) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(locales_dir: Path, lang: str) -> Catalogue:
    path = po_path(locales_dir, lang)
    if not path.exists():
        raise RenderError(f"no interface strings for {lang!r}: {path} is missing")
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise RenderError(f"{path}: cannot read PO file ({exc})") from None
    catalogue = Catalogue(lang)
    forms = po.metadata.get("Plural-Forms", "")
    if "plural=" in forms:
        expression = forms.split("plural=", 1)[1].strip().rstrip(";")
        try:
            catalogue.plural = gettext.c2py(expression)
        except ValueError:
            raise RenderError(f"{path}: invalid Plural-Forms {forms!r}") from None
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue  # fuzzy means "unchecked": better the English original than a guess
        if entry.msgid_plural:
            catalogue.plurals[entry.msgid] = [
                entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)
            ]
        elif entry.msgstr:
            catalogue.messages[entry.msgid] = entry.msgstr
    return catalogue
