"""The site's interface-string catalogues: where they live and the plural rule of each language.

The build reads the catalogues (``locales/<lang>/LC_MESSAGES/site.po``); the CMS writes the same
plural rule into the PO files it exports to translators and checks it in the files they send
back. One rule per language, here, so the two can never disagree."""

import gettext
import re
from collections.abc import Callable
from pathlib import Path

DOMAIN = "site"

# gettext's Plural-Forms, per CLDR: how many forms a language has and which one a number takes.
PLURAL_FORMS = {
    "da": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "zh-hans": "nplurals=1; plural=0;",
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5);"
    ),
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
        "&& (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def po_path(locales_dir: Path, lang: str) -> Path:
    """The catalogue of ``lang`` under a locales folder."""
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def nplurals(forms: str) -> int | None:
    """The number of forms a Plural-Forms header declares; None when it declares none."""
    match = _NPLURALS.search(forms)
    return int(match.group(1)) if match else None


def plural_rule(forms: str) -> Callable[[int], int]:
    """The plural rule of a Plural-Forms header as a function; ValueError when it is not one."""
    if "plural=" not in forms:
        raise ValueError(f"no plural rule in {forms!r}")
    expression = forms.split("plural=", 1)[1].strip().rstrip(";")
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError) as exc:
        raise ValueError(f"invalid plural rule {expression!r}") from exc


def same_rule(forms: str, lang: str, up_to: int = 1000) -> bool:
    """Does ``forms`` give every number the form ``lang``'s rule gives it? Tools rewrite the
    expression (spacing, parentheses), so rules are compared by their results."""
    expected = PLURAL_FORMS[lang]
    if nplurals(forms) != nplurals(expected):
        return False
    try:
        rule = plural_rule(forms)
    except ValueError:
        return False
    reference = plural_rule(expected)
    return all(rule(n) == reference(n) for n in range(up_to + 1))
