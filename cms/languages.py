"""The eight languages of Udsyn: one table, read by settings, migrations and the API.

Danish is the source language. The information set is kept in da/en/de; the other five
carry the general welcome text only (the strategy's "translate button" languages).
"""

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as readers look for it
    direction: Literal["ltr", "rtl"]
    scope: Literal["full", "welcome"]


SOURCE = "da"

LANGUAGES: tuple[Language, ...] = (
    Language("da", "Dansk", "ltr", "full"),
    Language("en", "English", "ltr", "full"),
    Language("de", "Deutsch", "ltr", "full"),
    Language("zh-hans", "简体中文", "ltr", "welcome"),
    Language("ar", "العربية", "rtl", "welcome"),
    Language("ru", "Русский", "ltr", "welcome"),
    Language("es", "Español", "ltr", "welcome"),
    Language("fr", "Français", "ltr", "welcome"),
)

BY_CODE = {language.code: language for language in LANGUAGES}
FULL_SET = tuple(lang.code for lang in LANGUAGES if lang.scope == "full")
