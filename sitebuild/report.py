"""How a build tells what it is doing and how it went.

``Reporter`` prints progress on stderr as the stages run and times them; ``BuildOutcome`` is the
result the pipeline returns: the faces print it (the CLI as text or, with ``--json``, as JSON),
serve it (the server's ``/status``) or read it (the benchmark). Nobody parses the progress text."""

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any


class Reporter:
    """Progress on stderr (unless ``quiet``), and what the outcome will say: each stage's
    seconds, the warnings, when the site went live, how many pages were rendered."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.seconds: dict[str, float] = {}
        self.warnings: list[str] = []
        self.live_at: float | None = None  # when the new site went live (the epoch's clock)
        self.rendered: int | None = None  # pages rendered by this build
        self.indexed: list[str] | None = None  # languages whose search index was made again
        self.current: str | None = None  # the stage running, or the one that raised

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=sys.stderr, flush=True)

    @contextmanager
    def stage(self, name: str) -> Iterator[Callable[[str], None]]:
        self.say(f"[{name}] …")
        self.current = name
        start = time.perf_counter()
        yield lambda text: self.say(f"[{name}] {text}")
        self.seconds[name] = time.perf_counter() - start
        self.current = None


@dataclass
class BuildOutcome:
    """How one build went. ``result`` is "ok" or "failed" (then ``error`` is the one line
    the CLI prints: "<stage>: <reason>"); ``live_at`` is the epoch time the new site went
    live (None if it did not: a failed build leaves the published site as it was, unless it
    had to take pages off it); ``pages`` counts the site's pages per language; ``rendered``
    is how many of them this build rendered (the others were carried over unchanged)."""

    result: str
    started_at: float
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    live_at: float | None = None
    pages: dict[str, int] = field(default_factory=dict)
    rendered: int | None = None
    indexed: list[str] | None = None  # languages whose search index was made again
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.result == "ok"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stages"] = {name: round(s, 3) for name, s in self.stages.items()}
        for name in ("started_at", "seconds", "live_at"):
            if data[name] is not None:
                data[name] = round(data[name], 3)
        return data

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)

    def summary(self) -> list[str]:
        """The closing lines the CLI prints."""
        lines = []
        if self.pages:
            per_locale = ", ".join(f"{lang} {n}" for lang, n in self.pages.items())
            lines.append(f"pages: {sum(self.pages.values())} ({per_locale})")
        lines += [f"warning: {warning}" for warning in self.warnings]
        stages = ", ".join(f"{name} {s:.2f}s" for name, s in self.stages.items())
        lines.append(f"warnings: {len(self.warnings)}; time: {stages}")
        if self.error:
            lines.append(f"error: {self.error}")
        return lines
