"""The header of a Udsyn PO file: who made it, for which locale, with which plural rule."""

import gettext
import re
import uuid
from functools import cache
from pathlib import Path

import polib
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from sitebuild import i18n

PROJECT = "Udsyn"
EXPORT_ID = "X-Udsyn-Export-ID"
LOCALE = "X-Udsyn-Locale"
SCOPE = "X-Udsyn-Scope"
_SALT = "udsyn.localisation.po-export"
# The site's interface catalogues (sitebuild's LOCALES, without importing Pelican here).
SITE_LOCALES = Path(i18n.__file__).resolve().parent.parent / "locales"
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@cache
def plural_forms(code: str) -> str:
    """The Plural-Forms header of ``code``: the one the site's interface strings use."""
    path = i18n.po_path(SITE_LOCALES, code)
    # polib reads a string that is not an existing file as PO text: check first.
    if not path.is_file():
        raise ImproperlyConfigured(f"{path} is missing: it gives {code}'s Plural-Forms")
    forms = polib.pofile(str(path), encoding="utf-8").metadata.get("Plural-Forms", "")
    if not forms:
        raise ImproperlyConfigured(f"{path} has no Plural-Forms header")
    return forms


def _rule(forms: str):
    expression = forms.split("plural=", 1)[1].strip().rstrip(";")
    return gettext.c2py(expression)


def plural_forms_problem(code: str, forms: str) -> str | None:
    """Why ``forms`` is not the plural rule of ``code`` (None when it is). Tools rewrite the
    expression (spacing, parentheses), so the rule is compared by its results, not its text."""
    expected = plural_forms(code)
    match = _NPLURALS.search(forms)
    want = int(_NPLURALS.search(expected).group(1))
    values = {"forms": forms, "expected": expected, "code": code}
    if not match:
        return _("Plural-Forms %(forms)r has no nplurals; expected %(expected)r") % values
    if int(match.group(1)) != want:
        return _("Plural-Forms has nplurals=%(found)s; %(code)s has %(want)s: %(expected)r") % {
            **values,
            "found": match.group(1),
            "want": want,
        }
    try:
        rule = _rule(forms)
    except (ValueError, IndexError, SyntaxError):
        return (
            _("Plural-Forms %(forms)r has an invalid plural rule; expected %(expected)r") % values
        )
    reference = _rule(expected)
    if any(rule(n) != reference(n) for n in range(1001)):
        return _("Plural-Forms %(forms)r is not the %(code)s rule %(expected)r") % values
    return None


def new_export_id(code: str) -> str:
    """A fresh export id, signed: an upload can prove it came from a Udsyn export for ``code``
    without a table of exports."""
    return signing.dumps({"id": uuid.uuid4().hex, "locale": code}, salt=_SALT)


def read_export_id(value: str) -> dict | None:
    """The export id's content, or None when it was not made by this installation."""
    try:
        data = signing.loads(value, salt=_SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and "locale" in data else None
