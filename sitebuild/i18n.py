"""Interface strings of the static site, from gettext catalogues in ``locales/`` read with polib.

The site's own words (navigation, labels, the skip link) are not CMS content: they live in PO
files that translators edit with their usual tools, one per language."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from contract import locales
from contract.locales import po_path

from .errors import RenderError

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Catalogue:
    lang: str
    messages: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, list[str]] = field(default_factory=dict)
    plural: Callable[[int], int] = lambda n: int(n != 1)

    def gettext(self, msgid: str, **values: object) -> str:
        text = self.messages.get(msgid) or msgid
        return text % values if values else text

    def date(self, iso: str | None) -> str:
        """An ISO date ("2026-11-26", or the date part of a timestamp) as readers write it."""
        if not iso:
            return ""
        year, month, day = (int(part) for part in iso[:10].split("-"))
        month_name = self.gettext(MONTHS[month - 1])
        return self.gettext("%(day)s %(month)s %(year)s", day=day, month=month_name, year=year)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        forms = self.plurals.get(singular)
        if forms and all(forms):
            text = forms[min(self.plural(n), len(forms) - 1)]
        else:
            text = singular if n == 1 else plural
        return text % {"num": n, **values}


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
        try:
            catalogue.plural = locales.plural_rule(forms)
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


# -- extraction and checks -------------------------------------------------------------------

# The gettext calls the templates and the plugin make: _ or a catalogue's gettext, with a
# string literal as the first argument.
CALL = re.compile(r"""(?:\b_|\.gettext)\(\s*(?P<q>["'])(?P<msgid>(?:(?!(?P=q)).)+)(?P=q)""")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# How many plural forms each language has (its rule: contract/locales.py).
NPLURALS = {lang: locales.nplurals(forms) for lang, forms in locales.PLURAL_FORMS.items()}


def extract(templates: Path, code: Path = Path(__file__).parent) -> dict[str, list[str]]:
    """Every interface string in the templates and the build's own code, with where it is
    used (paths relative to the repository)."""
    root = templates.parents[2] if len(templates.parents) > 2 else templates
    found: dict[str, list[str]] = {}
    files = [*sorted(templates.rglob("*.html")), *sorted(code.glob("*.py"))]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in CALL.finditer(line):
                place = path.relative_to(root) if path.is_relative_to(root) else path
                found.setdefault(match["msgid"], []).append(f"{place}:{number}")
    # Used through Catalogue.date, not as literals.
    for msgid in (*MONTHS, "%(day)s %(month)s %(year)s"):
        found.setdefault(msgid, []).append("sitebuild/i18n.py")
    return found


def _occurrence(place: str) -> tuple[str, str]:
    """ "path:line" as polib's (path, line); a place without a line (strings used through code,
    such as month names) has an empty one."""
    path, _, line = place.partition(":")
    return path, line


def update_catalogue(path: Path, lang: str, msgids: dict[str, list[str]]) -> tuple[int, int]:
    """Add new strings (untranslated), mark ones no longer used obsolete. Returns both counts."""
    po = polib.pofile(str(path), wrapwidth=0) if path.exists() else polib.POFile(wrapwidth=0)
    known = {entry.msgid for entry in po if not entry.obsolete}
    added = 0
    for msgid, places in msgids.items():
        entry = po.find(msgid)
        if entry is None:
            po.append(
                polib.POEntry(
                    msgid=msgid,
                    msgstr="",
                    occurrences=[_occurrence(place) for place in places],
                )
            )
            added += 1
        else:
            entry.occurrences = [_occurrence(place) for place in places]
    gone = known - set(msgids)
    for entry in po:
        if entry.msgid in gone:
            entry.obsolete = True
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return added, len(gone)


def check_catalogue(path: Path, lang: str, msgids: set[str]) -> list[str]:
    """What is wrong with one language's catalogue, one line a problem ([] when complete)."""
    if not path.exists():
        return [f"{path}: missing"]
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError) as exc:
        return [f"{path}: cannot be read ({exc})"]
    problems = []
    forms = po.metadata.get("Plural-Forms", "")
    expected = NPLURALS.get(lang)
    if locales.nplurals(forms) != expected:
        problems.append(f"{path}: Plural-Forms {forms!r} should have nplurals={expected}")
    elif lang in locales.PLURAL_FORMS and not locales.same_rule(forms, lang):
        problems.append(
            f"{path}: Plural-Forms {forms!r} is not the {lang} rule {locales.PLURAL_FORMS[lang]!r}"
        )
    entries = {entry.msgid: entry for entry in po if not entry.obsolete}
    for msgid in sorted(msgids):
        entry = entries.get(msgid)
        if entry is None:
            problems.append(f"{path}: missing {msgid!r}")
        elif "fuzzy" in entry.flags:
            problems.append(f"{path}: {msgid!r} is marked fuzzy (unchecked)")
        elif not (entry.msgstr or any(entry.msgstr_plural.values())):
            problems.append(f"{path}: {msgid!r} is not translated")
        elif set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(entry.msgstr)):
            problems.append(f"{path}: {msgid!r} breaks a placeholder: {entry.msgstr!r}")
    return problems
