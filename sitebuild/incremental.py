"""Incremental rendering: only pages whose rendering inputs changed are rendered again.

Each page's input is its whole view-model (SitePage): its own fields, but also its language
versions, its children, its breadcrumbs and the navigation. So a page is re-rendered exactly
when something it shows changed: the page itself, a language version added or removed, a
child's or a section's new title. Everything else is hard-linked from the published site. A
change to the templates, the stylesheet, the interface strings or this package renders
everything. The manifest of the last published build lives next to the output folder."""

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Site, SitePage

PACKAGE = Path(__file__).resolve().parent


def _plain(value: Any) -> Any:
    # Dataclasses by their attributes, without dataclasses.asdict's deep copies (the
    # digest of 8,000 pages took seconds that way).
    return vars(value) if hasattr(value, "__dict__") else str(value)


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()


def code_version(theme: Path, locales_dir: Path, options: dict[str, Any]) -> str:
    """Everything besides the content that shapes the output."""
    digest = hashlib.sha256(_digest(options).encode())
    for folder, pattern in ((theme, "**/*"), (locales_dir, "**/*.po"), (PACKAGE, "*.py")):
        for path in sorted(p for p in folder.glob(pattern) if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_input(page: SitePage) -> str:
    return _digest(page)


def root_input(site: Site) -> str:
    homes = [(p.lang, p.url, p.title) for p in site.pages if p.url == f"/{p.lang}/"]
    return _digest([site.locales, homes])


ROOT = "index.html"


@dataclass
class Plan:
    render: list[SitePage]
    render_root: bool
    keep: list[str]  # output paths hard-linked from the published site
    known: dict[str, Any]  # verify facts of the kept files, from the last manifest
    inputs: dict[str, str] = field(default_factory=dict)  # output path -> input digest
    full: bool = False


def load_manifest(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def plan(
    site: Site, manifest: dict[str, Any], published: Path, version: str, full: bool = False
) -> Plan:
    inputs = {page.output_path: page_input(page) for page in site.pages}
    inputs[ROOT] = root_input(site)
    files = manifest.get("files", {})
    if full or manifest.get("version") != version or not published.is_dir():
        return Plan(site.pages, True, [], {}, inputs, full=True)

    def unchanged(path: str) -> bool:
        entry = files.get(path)
        return bool(entry) and entry["input"] == inputs[path] and (published / path).is_file()

    render = [page for page in site.pages if not unchanged(page.output_path)]
    keep = [path for path in inputs if unchanged(path)]  # sitemap, robots, 404s: always new
    known = {files[path]["url"]: files[path]["facts"] for path in keep}
    return Plan(render, not unchanged(ROOT), keep, known, inputs)


def link_kept(paths: list[str], published: Path, staging: Path) -> None:
    """Unchanged files come from the published site as hard links: instant, and safe because
    the build never writes into a file it did not create in this run (render writes first,
    into paths that are not links)."""
    made: set[str] = set()
    for rel in paths:
        parent = os.path.dirname(rel)
        if parent not in made:
            os.makedirs(os.path.join(staging, parent), exist_ok=True)
            made.add(parent)
        try:
            os.link(os.path.join(published, rel), os.path.join(staging, rel))
        except FileExistsError:
            continue  # rendered in this run: keep the new file
        except OSError:
            shutil.copy2(os.path.join(published, rel), os.path.join(staging, rel))


def files_under(root: Path, folder: str) -> list[str]:
    """Relative paths of the files in ``root/folder`` (for carrying a folder over whole)."""
    found = []
    for current, _, names in os.walk(root / folder):
        rel = os.path.relpath(current, root)
        found += [f"{rel}/{name}" for name in names]
    return found


def save_manifest(path: Path, version: str, plan_: Plan, facts: dict[str, Any]) -> None:
    files = {}
    for rel, digest in plan_.inputs.items():
        url = "/" + rel.removesuffix("index.html")
        files[rel] = {"input": digest, "url": url, "facts": facts.get(url)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": version, "files": files}), encoding="utf-8")
    os.replace(tmp, path)
