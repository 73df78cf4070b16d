"""What an import found: messages naming the file, the header or an entry, and the counts."""

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

import polib
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ERROR, WARNING = "error", "warning"
_TAG = re.compile(r"<[^>]*>")
# The counts an import reports, in the order people read them.
COUNTS = {
    "imported": gettext_lazy("imported"),
    "unchanged": gettext_lazy("unchanged (same text as stored)"),
    "empty": gettext_lazy("empty (left as they were)"),
    "skipped_fuzzy": gettext_lazy("skipped: fuzzy"),
    "skipped_obsolete": gettext_lazy("skipped: obsolete"),
    "skipped_changed_source": gettext_lazy("skipped: source text changed"),
    "skipped_stopped": gettext_lazy("skipped: translation stopped"),
}


def first_words(text: str, words: int = 6) -> str:
    plain = " ".join(_TAG.sub("", text).split())
    parts = plain.split(" ")
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def entry_name(entry: polib.POEntry) -> str:
    """An entry as a translator finds it again in the file: line, msgctxt and first words."""
    return _('line %(line)s, msgctxt "%(msgctxt)s" ("%(words)s")') % {
        "line": entry.linenum,
        "msgctxt": entry.msgctxt or "",
        "words": first_words(entry.msgid),
    }


@dataclass(frozen=True)
class Message:
    level: Literal["error", "warning"]
    where: str  # "file", "header" or an entry's name
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@dataclass
class Report:
    locale: str
    dry_run: bool = False
    messages: list[Message] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    written: bool = False

    def error(self, where: str, text: str) -> None:
        self.messages.append(Message(ERROR, where, text))

    def warn(self, where: str, text: str) -> None:
        self.messages.append(Message(WARNING, where, text))

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == WARNING]

    @property
    def by_level(self) -> list[Message]:
        """Errors first: they are what has to be fixed."""
        return self.errors + self.warnings

    @property
    def rejected(self) -> bool:
        return bool(self.errors)

    def count_rows(self) -> list[tuple[str, str, int]]:
        return [(name, label, self.counts[name]) for name, label in COUNTS.items()]

    def summary(self) -> str:
        return ", ".join(f"{name}: {n}" for name, _label, n in self.count_rows())
