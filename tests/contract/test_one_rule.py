"""contract/urls.py is the only URL rule: no other list of schemes, and none of Django's or
Wagtail's own URL and e-mail checks, in the CMS or the build. Read from the source (its syntax
tree, so docstrings, comments and editors' messages do not count), so that a rule added later
in any module is found."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEME_NAMES = {"http", "https", "mailto", "tel", "ftp", "javascript", "vbscript", "data", "file"}
# Two or more schemes written as such in one string: "http:|https:|mailto:", "^(tel:|ftp:)".
SCHEMES_IN_TEXT = re.compile(rf"\b({'|'.join(sorted(SCHEME_NAMES))})(?=:|\|)", re.IGNORECASE)
# Checks of their own: Django's URL and e-mail validators and fields, Wagtail's check_url.
OTHER_RULES = {
    "URLValidator",
    "EmailValidator",
    "validate_email",
    "URLField",
    "EmailField",
    "EmailBlock",
    "check_url",
    "ALLOWED_URL_SCHEMES",
}
TRANSLATED = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "pgettext_lazy"}


def sources() -> list[Path]:
    found = [
        path
        for part in ("cms", "sitebuild")
        for path in sorted((ROOT / part).rglob("*.py"))
        if "migrations" not in path.parts  # history: what the database once had
    ]
    assert len(found) > 50
    return found


def _words_for_people(tree: ast.AST) -> set[int]:
    """ids of string constants that are docstrings or translated messages."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skip.add(id(first.value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in TRANSLATED:
            skip |= {id(arg) for arg in ast.walk(node) if isinstance(arg, ast.Constant)}
    return skip


def _mentions_the_contract(node: ast.AST) -> bool:
    return any(
        isinstance(sub, ast.Attribute) and sub.attr in ("ALLOWED_SCHEMES", "SCRIPT_SCHEMES")
        for sub in ast.walk(node)
    )


def _assigned(node: ast.AST) -> list[tuple[str, ast.AST]]:
    """(name, value) for an assignment or a keyword argument."""
    if isinstance(node, ast.keyword) and node.arg:
        return [(node.arg, node.value)]
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [getattr(t, "id", None) or getattr(t, "attr", None) for t in targets]
        return [(name, node.value) for name in names if name]
    return []


def other_rules(source: str, name: str = "<source>") -> list[str]:
    """Every other URL rule in Python ``source``, with where it is."""
    tree = ast.parse(source)
    skip = _words_for_people(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            names = {
                e.value.lower().rstrip(":")
                for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
            if len(names & SCHEME_NAMES) >= 2:
                found.append(f"{where}: a list of schemes {sorted(names & SCHEME_NAMES)}")
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        ):
            if len({m.lower() for m in SCHEMES_IN_TEXT.findall(node.value)}) >= 2:
                found.append(f"{where}: schemes in a string {node.value[:60]!r}")
        elif isinstance(node, ast.Name | ast.Attribute | ast.alias):
            name = {ast.Name: "id", ast.Attribute: "attr", ast.alias: "name"}[type(node)]
            name = getattr(node, name).rsplit(".", 1)[-1]
            if name in OTHER_RULES:
                found.append(f"{where}: {name}")
        for target, value in _assigned(node):
            if "scheme" in target.lower() and not _mentions_the_contract(value):
                found.append(f"{where}: {target} is not the contract's")
    return found


def test_the_contract_is_the_only_url_rule():
    found = [
        problem
        for path in sources()
        for problem in other_rules(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}',
        'SAFE = ("HTTPS", "mailto:")',
        'ok = url.split(":")[0] in ["http", "https"]',
        'PATTERN = re.compile(r"^(http:|https:|mailto:|#)")',
        "nh3.clean(text, url_schemes={'http'})",
        "from django.core.validators import URLValidator",
        "email = models.EmailField()",
        "from wagtail.whitelist import check_url",
    ],
)
def test_the_check_finds_another_rule(source):
    """The check above, shown each kind of rule it must find."""
    assert other_rules(source)


def test_the_check_leaves_words_for_people_alone():
    source = (
        '"""Refuses ftp: and mailto:x?bcc= (a docstring)."""\n'
        'MESSAGE = _("Use https://…, mailto: or tel:")\n'
        'HOST = re.sub(r"https?://[^/]+/", "https://cms.example/", text)\n'
        'ATTRIBUTES = {"href", "src", "data"}\n'
        "url_schemes = set(urls.ALLOWED_SCHEMES)\n"
    )
    assert other_rules(source) == []
