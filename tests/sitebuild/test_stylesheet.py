"""The one stylesheet: logical properties only (so Arabic mirrors itself), system fonts, no
imports from elsewhere, and small."""

import re

from sitebuild.stages.render import THEME

CSS = (THEME / "static" / "css" / "site.css").read_text(encoding="utf-8")
PHYSICAL = re.compile(
    r"(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:"
    r"|float\s*:\s*(?:left|right)|text-align\s*:\s*(?:left|right)"
)


def test_only_logical_properties():
    assert PHYSICAL.findall(CSS) == []


def test_system_fonts_and_nothing_from_other_hosts():
    assert "system-ui" in CSS
    assert "@import" not in CSS and "@font-face" not in CSS and "url(" not in CSS


def test_the_stylesheet_is_small():
    assert len(CSS.encode()) < 8 * 1024


def test_focus_is_always_visible():
    assert re.search(r":focus-visible\s*{[^}]*outline:\s*3px solid", CSS)
