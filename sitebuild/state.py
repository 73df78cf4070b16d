"""What one build leaves for the next, in one place.

An incremental build needs the last build's pull (to ask the API only for what changed), its
manifest (each published file's input digest and verify facts), its transform cache, the spare
folder (the site before the published one, to render into), the leak check's state and the
search index's bundles. They live in a folder beside the output (``StateFolder``: every file
name is here), written with one atomic store (a file is replaced whole or not at all), and are
read back into a ``BuildState`` - which the build server keeps in memory between builds
instead of reading the files again.

The files are the build's own, in a folder only it writes (and only under the output's lock,
lock.py), so they are pickles: for 8,000 pages JSON took a second each way. The leak state is
JSON, small and useful to read. Each is saved only once the site it describes is published."""

import contextlib
import dataclasses
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .errors import BuildError
from .model import Locale, RawSite, Site
from .stages.leaks import LeakState

_BROKEN = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError)


def store(path: Path, value: Any, as_json: bool = False) -> None:
    """Write ``value`` to ``path`` atomically: a build killed or a disk filled half-way leaves
    the last file as it was (and no temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        if as_json:
            temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        else:
            with temporary.open("wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def load(path: Path, as_json: bool = False) -> Any:
    """What ``store`` wrote at ``path``, or None if there is nothing usable there (missing,
    damaged, or written by code that no longer reads it): the build then does without."""
    try:
        if as_json:
            return json.loads(path.read_text(encoding="utf-8"))
        with path.open("rb") as file:
            return pickle.load(file)  # noqa: S301 - our own file, see the module's docstring
    except _BROKEN:
        return None


@dataclass
class BuildState:
    """The last build's state, as the next build uses it. ``loaded`` is False until it holds
    what a build left (a fresh server, or after a failure that may have left it out of step
    with the files): then the next build reads the files instead."""

    loaded: bool = False
    version: str = ""  # the code and options the fields below were made with
    pull: dict[str, Any] | None = None  # fetch's cache (see fetch.pull_data)
    manifest: dict[str, Any] = field(default_factory=dict)
    spare: dict[str, Any] = field(default_factory=dict)  # the spare folder's manifest
    leak_state: LeakState | None = None
    transformed: dict[int, Any] = field(default_factory=dict)  # transform's cache
    # Kept in memory only (the build server): transform's item digests by object, the last
    # transform's Site (its pages are reused) and the plan's digests by page object.
    digests: dict = field(default_factory=dict)
    site: Site | None = None
    plan_memo: dict = field(default_factory=dict)

    def take(self, other: "BuildState") -> None:
        """Hold what ``other`` holds (the caller keeps this object between builds)."""
        for name in (f.name for f in dataclasses.fields(self)):
            setattr(self, name, getattr(other, name))

    def reset(self) -> None:
        """Hold nothing: the next build reads the files."""
        self.take(BuildState())


class StateFolder:
    """The folder beside an output folder where its builds keep their state."""

    PULL = "pages.pickle"
    MANIFEST = "manifest.pickle"
    TRANSFORM = "transform.pickle"
    SPARE = "spare"
    SPARE_MANIFEST = "spare.pickle"
    LEAKS = "leaks.json"
    SEARCH = "search"

    def __init__(self, out: Path) -> None:
        self.root = paths.beside(out, "cache")

    def __truediv__(self, name: str) -> Path:
        return self.root / name

    @property
    def spare(self) -> Path:
        return self.root / self.SPARE

    @property
    def search(self) -> Path:
        return self.root / self.SEARCH

    def read(self, version: str) -> BuildState:
        """The state the files hold, for a build of code and options ``version``."""
        transformed = load(self / self.TRANSFORM)
        if not isinstance(transformed, dict) or transformed.get("version") != version:
            transformed = {}
        return BuildState(
            loaded=False,
            version=version,
            pull=self.pull(),
            manifest=_mapping(load(self / self.MANIFEST)),
            spare=_mapping(load(self / self.SPARE_MANIFEST)),
            leak_state=LeakState.from_dict(load(self / self.LEAKS, as_json=True)),
            transformed=transformed.get("data") or {},
        )

    def pull(self) -> dict[str, Any] | None:
        found = load(self / self.PULL)
        return found if isinstance(found, dict) else None

    def save_pull(self, pull: dict[str, Any]) -> None:
        store(self / self.PULL, pull)

    def save_published(self, state: BuildState) -> None:
        """What describes the site just published: its manifest and leak state. Without a
        leak state (no API was asked), the next build checks every page again."""
        if state.leak_state is not None:
            store(self / self.LEAKS, state.leak_state.as_dict(), as_json=True)
        else:
            (self / self.LEAKS).unlink(missing_ok=True)
        store(self / self.MANIFEST, state.manifest)

    def save_transformed(self, version: str, transformed: dict[int, Any]) -> None:
        store(self / self.TRANSFORM, {"version": version, "data": transformed})

    def save_spare(self, manifest: dict[str, Any]) -> None:
        store(self / self.SPARE_MANIFEST, manifest)

    def drop_spare(self) -> None:
        """The spare became a build's staging folder: its manifest describes nothing now."""
        (self / self.SPARE_MANIFEST).unlink(missing_ok=True)

    def forget_published(self) -> None:
        """The published site changed outside a build's bookkeeping (pages taken off it): the
        next build renders and checks everything."""
        for name in (self.MANIFEST, self.LEAKS):
            (self / name).unlink(missing_ok=True)

    def forget_pages(self, ids: set[int]) -> None:
        """Drop pages from the saved pull, so that an incremental pull, which only asks for
        what changed, does not bring them back. On a full disk the pull goes: the next build
        pulls everything."""
        pull = self.pull()
        if pull is None:
            return
        pull = {**pull, "pages": [item for item in pull["pages"] if item["id"] not in ids]}
        try:
            self.save_pull(pull)
        except OSError:
            (self / self.PULL).unlink(missing_ok=True)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# -- the saved pull of `build fetch --save` (JSON, for people and for `render --data`) --------


def save_raw(raw: RawSite, path: Path) -> None:
    """Saved whole or not at all: a full disk leaves the last save as it was."""
    store(path, dataclasses.asdict(raw), as_json=True)


def load_raw(path: Path) -> RawSite:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RawSite(data["api_url"], [Locale(**loc) for loc in data["locales"]], data["pages"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{path}: not a saved fetch ({exc})") from None
