"""The header of a Udsyn PO file: who made it, for which locale, with which plural rule."""

import uuid

from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from contract import locales

PROJECT = "Udsyn"
EXPORT_ID = "X-Udsyn-Export-ID"
LOCALE = "X-Udsyn-Locale"
SCOPE = "X-Udsyn-Scope"
_SALT = "udsyn.localisation.po-export"


def plural_forms(code: str) -> str:
    """The Plural-Forms header of ``code``: the one the site's interface strings use."""
    try:
        return locales.PLURAL_FORMS[code]
    except KeyError:
        raise ImproperlyConfigured(f"no plural rule for {code!r} in contract/locales.py") from None


def plural_forms_problem(code: str, forms: str) -> str | None:
    """Why ``forms`` is not the plural rule of ``code`` (None when it is). Tools rewrite the
    expression (spacing, parentheses), so the rule is compared by its results, not its text."""
    expected = plural_forms(code)
    found, want = locales.nplurals(forms), locales.nplurals(expected)
    values = {"forms": forms, "expected": expected, "code": code}
    if found is None:
        return _("Plural-Forms %(forms)r has no nplurals; expected %(expected)r") % values
    if found != want:
        return _("Plural-Forms has nplurals=%(found)s; %(code)s has %(want)s: %(expected)r") % {
            **values,
            "found": found,
            "want": want,
        }
    try:
        locales.plural_rule(forms)
    except ValueError:
        return (
            _("Plural-Forms %(forms)r has an invalid plural rule; expected %(expected)r") % values
        )
    if not locales.same_rule(forms, code):
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
