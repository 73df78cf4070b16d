"""One command over the stages.

    ./scripts/build --api http://localhost:8000/api/v2/ --out build/site     # everything
    ./scripts/build fetch --api URL --save build/raw.json                     # one stage
    ./scripts/build render --data build/raw.json --out build/site             # the rest
    ./scripts/build verify build/site
    ./scripts/build serve --api URL --out build/site --port 8010              # stay running

Exit status 0 on success, 1 with a one-line reason on any build failure, 2 on bad usage. One
build at a time writes an output folder (lock.py): another one into the same folder exits 1 at
once ("a build into DIR is already running"), or with --wait waits for it to finish."""

import argparse
import dataclasses
import filecmp
import json
import os
import pickle
import shutil
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import i18n, lock
from .errors import BuildError, VerifyError, as_build_error
from .model import Locale, RawSite, Site
from .paths import list_files
from .stages import (
    fetch,
    incremental,
    leaks,
    publish,
    render,
    search,
    transform,
    verify,
    withdraw,
)


class Reporter:
    """Progress on stderr and a closing summary: what a long build is doing, and how long each
    stage took."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.seconds: dict[str, float] = {}
        self.warnings: list[str] = []
        self.live_at: float | None = None  # when the new site went live (the epoch's clock)
        self.rendered: int | None = None  # pages rendered by this build
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

    def summary(self, pages: Counter) -> None:
        per_locale = ", ".join(f"{lang} {n}" for lang, n in pages.items())
        stages = ", ".join(f"{name} {s:.2f}s" for name, s in self.seconds.items())
        self.say(f"pages: {sum(pages.values())} ({per_locale})")
        for warning in self.warnings:
            self.say(f"warning: {warning}")
        self.say(f"warnings: {len(self.warnings)}; time: {stages}")


def save_raw(raw: RawSite, path: Path) -> None:
    """Saved whole or not at all: a full disk leaves the last save as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        text = json.dumps(dataclasses.asdict(raw), ensure_ascii=False)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def load_raw(path: Path) -> RawSite:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RawSite(data["api_url"], [Locale(**loc) for loc in data["locales"]], data["pages"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{path}: not a saved fetch ({exc})") from None


def cache_dir(out: Path) -> Path:
    """Where a site's incremental state lives: next to it, never inside what is published."""
    return out.resolve().parent / f".{out.resolve().name}-cache"


@dataclass
class Memory:
    """What one build leaves for the next, kept in memory by a long-running build (server.py)
    instead of being read back from the cache folder. The files are written all the same, so
    a plain CLI run or a restarted server carries on. ``loaded`` is False until a build has
    succeeded: until then every build reads the files, as the CLI does."""

    loaded: bool = False
    version: str = ""  # code_version the fields below were made with
    pull: dict[str, Any] | None = None  # fetch's cache (see fetch.save_cache)
    manifest: dict[str, Any] = dataclasses.field(default_factory=dict)
    spare: dict[str, Any] = dataclasses.field(default_factory=dict)
    leak_state: leaks.LeakState | None = None
    # transform.item_digest's memo: only items new since the last build are hashed again.
    digests: dict = dataclasses.field(default_factory=dict)
    site: Site | None = None  # the last transform's: pages reused, and its cache (Site.cache)
    plan_memo: dict = dataclasses.field(default_factory=dict)  # see incremental.plan


def build_from_raw(
    raw: RawSite,
    out: Path,
    report: Reporter,
    args,
    after_publish: Callable[[RawSite], None] = lambda raw: None,
    memory: Memory | None = None,
) -> Counter:
    """Transform, render, verify and publish. ``after_publish(raw)`` runs once the new site is
    live, with the other bookkeeping that does not delay it. With ``memory`` (loaded), the last
    build's state comes from it instead of the cache folder, and is replaced in it once this
    build has succeeded; a failed build leaves it as it was."""
    options = {
        "accessibility_url": args.accessibility_url,
        "site_url": args.site_url,
        "search": not args.no_search,
    }
    version = incremental.code_version(render.THEME, render.LOCALES, options)
    cache = cache_dir(out)
    remembered = memory is not None and memory.loaded and memory.version == version
    last_site = memory.site if remembered and not args.full else None
    if args.full:
        transformed = {}
    elif last_site is not None:
        transformed = last_site.cache
    else:
        transformed = _load_pickle(cache / "transform.pickle", version)
    with report.stage("transform") as progress:
        digests = memory.digests if memory is not None else None
        site = transform.transform(raw, transformed, digests, last_site)
        report.warnings += site.warnings
        progress(f"{len(site.pages)} pages")
    if remembered:
        manifest = memory.manifest
    else:
        manifest = incremental.load_manifest(cache / "manifest.pickle")
    plan_memo = memory.plan_memo if remembered else {}
    plan = incremental.plan(site, manifest, out, version, full=args.full, memo=plan_memo)
    staging = publish.staging_dir(out)
    try:
        with report.stage("render") as progress:
            if remembered:
                spare = memory.spare
            else:
                spare = incremental.load_manifest(cache / "spare.pickle")
            reused = incremental.use_spare(cache / "spare", spare, plan, out, staging, version)
            if reused:  # the spare is this build's staging folder now, whatever happens
                (cache / "spare.pickle").unlink()
                if memory is not None:
                    memory.spare = {}
            render.render(
                site, staging, progress, pages=plan.render, write_root=plan.render_root, **options
            )
            report.rendered = len(plan.render)
            if not reused:
                incremental.link_kept(plan.keep, out, staging)
            if not plan.full:
                how = "brought up to date" if reused else "hard-linked"
                progress(f"{len(plan.keep)} unchanged files carried over ({how})")
            listing = list_files(staging)
            # Before indexing: a pull that lost most of a language's pages (an API that
            # suddenly answers with none) fails with verify's message, not in Pagefind.
            _check_page_counts(_published_counts(plan, manifest, out), listing, args.max_drop)
        bundles: dict[str, str] = {}
        if not args.no_search:
            with report.stage("search") as progress:
                bundles = _search(site, plan, manifest, staging, out, cache / "search", progress)
            listing |= {f"pagefind/{rel}" for rel in list_files(staging / "pagefind")}
        with report.stage("verify") as progress:
            facts, leak_state = _verify_output(
                staging,
                plan,
                args,
                cache,
                memory.leak_state if remembered else _FROM_DISK,
                listing,
                known_links_hold=not plan.full and _nothing_gone(manifest, listing),
            )
            progress(f"{len(facts)} pages checked ({len(facts) - len(plan.known)} parsed)")
            if leak_state is None:
                report.warnings.append(
                    "no API to ask: the output was not checked for unpublished pages"
                )
        with report.stage("publish") as progress:
            previous = publish.publish(staging, out)
            # What an editor waits for ends here; the benchmark reads this clock.
            report.live_at = time.time()
            progress(f"published to {out} (live at {report.live_at:.3f})")
    except BaseException:
        publish.discard(staging)
        raise
    try:
        with report.stage("cleanup"):  # the new site is live: bookkeeping for the next build
            new_manifest = incremental.manifest_of(version, plan, facts, listing, out)
            new_manifest["search"] = bundles
            if leak_state is not None:
                leak_state.save(cache / LEAKS)
            else:  # the state no longer describes the published site: check everything next time
                (cache / LEAKS).unlink(missing_ok=True)
            incremental.save_manifest(cache / "manifest.pickle", new_manifest)
            _remove_unused_bundles(cache / "search", set(bundles.values()))
            after_publish(raw)
            _save_pickle(cache / "transform.pickle", version, site.cache)
            spare_manifest: dict[str, Any] = {}
            if previous is not None:
                spare_manifest = incremental.keep_as_spare(
                    previous, manifest, cache / "spare", cache / "spare.pickle"
                )
            if memory is not None:  # only now: a build that failed before left it as it was
                memory.loaded, memory.version = True, version
                memory.site, memory.manifest = site, new_manifest  # its cache: transform's
                memory.spare, memory.leak_state = spare_manifest, leak_state
                memory.plan_memo = plan.memo
                live = {id(item) for item in raw.pages}
                memory.digests = {k: v for k, v in memory.digests.items() if k in live}
    except BaseException:
        if previous is not None:  # not kept as the spare: nothing describes it
            publish.discard(previous)
        raise
    return Counter(page.lang for page in site.pages)


def build_without_leaks(
    raw: RawSite,
    out: Path,
    report: Reporter,
    args,
    after_publish: Callable[[RawSite], None] = lambda raw: None,
    memory: Memory | None = None,
) -> Counter:
    """``build_from_raw``, with privacy before the last good site (withdraw.py): if verify's
    leak check finds pages the CMS does not publish, build again without them; if that build
    fails too, publish the last good site without their files, and fail naming them."""
    warnings = list(report.warnings)
    try:
        return build_from_raw(raw, out, report, args, after_publish, memory)
    except leaks.LeakError as leak:
        gone = dict(leak.pages)
    report.warnings = [*warnings, withdraw.notice(gone)]  # not the first attempt's twice
    report.say(f"[verify] {len(gone)} page(s) not public in the CMS: building again without")
    try:
        clean = withdraw.without_pages(raw, gone.values())
        return build_from_raw(clean, out, report, args, after_publish, memory)
    except leaks.LeakError as leak:  # more of them since: they come off the site too
        gone |= leak.pages
        failure: Exception = leak
    except Exception as exc:
        if report.live_at is not None:  # after the site without them went live
            raise
        failure = exc
    failed = as_build_error(failure, report.current or "build")  # in its stage, as main says
    why = _explained(failure, report)
    if memory is not None:  # what it holds has the pages: the next build reads the files
        memory.loaded = False
    listed = f"{len(gone)} page(s) that are not public in the CMS ({', '.join(sorted(gone))})"
    try:
        removed = _publish_without(out, gone, report, with_search=not args.no_search)
    except withdraw.RemovedInPlaceError as exc:
        raise withdraw.WithdrawnError(
            f"the {listed}: {exc}; no new site could be built without them: {why}"
        ) from None
    except Exception as exc:
        raise withdraw.WithdrawnError(
            f"could not take the {listed} off the site ({_explained(exc, report)}) after "
            f"this failure: {why}"
        ) from None  # the message says it all, a full disk included
    if not removed:  # none of them was on the published site: an ordinary failed build
        raise failed or failure
    raise withdraw.WithdrawnError(
        f"the last good site is published without the {listed}, because no new site could "
        f"be built without them: {why}"
    ) from None


def _publish_without(
    out: Path, gone: dict[str, int], report: Reporter, with_search: bool
) -> list[str]:
    """The last good site without the pages ``gone``, and the state that described it
    forgotten (see withdraw.py)."""
    cache = cache_dir(out)
    with report.stage("withdraw") as progress:
        try:
            removed = withdraw.publish_without(out, gone, cache / "search", with_search, progress)
        finally:
            withdraw.forget(cache / PULL_CACHE, gone.values())
            # What the cache folder says about the published site may hold no more: the next
            # build renders and checks everything.
            for name in ("manifest.pickle", LEAKS):
                (cache / name).unlink(missing_ok=True)
        if removed:
            report.live_at = time.time()
    return removed


def _explained(exc: BaseException, report: Reporter) -> str:
    """``exc`` in one line, as main() prints it."""
    failure = as_build_error(exc, report.current or "build")
    return f"{failure.stage}: {failure}" if failure else f"internal: {type(exc).__name__}: {exc}"


def _published_counts(plan: incremental.Plan, manifest: dict[str, Any], out: Path) -> Counter:
    """Pages per language of the published site: from the manifest that describes it, or
    counted (none if there is no site yet)."""
    if not plan.full and manifest.get("counts") is not None:
        return Counter(manifest["counts"])
    return verify.count_pages(out) if out.is_dir() else Counter()


def _check_page_counts(before: Counter, listing: set[str], max_drop: float) -> None:
    drops = verify.page_drops(before, listing, max_drop)
    if drops:
        raise VerifyError(drops)


def _verify_output(
    staging: Path,
    plan: incremental.Plan,
    args,
    cache: Path,
    leak_state: "leaks.LeakState | None",
    listing: set[str],
    known_links_hold: bool,
) -> tuple[dict[str, dict], "leaks.LeakState | None"]:
    """verify's checks of the output (the page counts were checked before indexing), then
    the leak check. The leak check runs even when the output fails the other checks: a page
    that is no longer public must come off the site (see build_without_leaks), whatever
    else is wrong with this build."""
    try:
        facts = verify.verify(
            staging,
            known=plan.known,
            files=listing,
            known_links_hold=known_links_hold,
            site_url=args.site_url,
        )
    except VerifyError as problems:
        try:
            _check_leaks(
                staging, args, None if plan.full else plan.known, cache, leak_state, listing
            )
        except leaks.LeakError:
            raise
        except BuildError:
            pass  # the API cannot say: the output's own problems are the news
        raise problems from None
    carried = None if plan.full else plan.known
    return facts, _check_leaks(staging, args, carried, cache, leak_state, files=listing)


def _nothing_gone(manifest: dict[str, Any], listing: set[str]) -> bool:
    """Is every file of the published site the manifest describes still in ``listing``?"""
    files, extra = manifest.get("files"), manifest.get("extra")
    if files is None or extra is None:
        return False
    return all(rel in listing for rel in files) and all(rel in listing for rel in extra)


LEAKS = "leaks.json"
PULL_CACHE = "pages.pickle"
_FROM_DISK: Any = object()  # _check_leaks: read the last state from the cache folder


def _check_leaks(
    staging: Path,
    args,
    carried: Iterable[str] | None,
    cache: Path,
    previous: "leaks.LeakState | None" = _FROM_DISK,
    files: Iterable[str] | None = None,
) -> leaks.LeakState | None:
    """Ask the API, independently of fetch, whether every page in the output is public (see
    leaks.py); incremental builds ask only about what changed. None when there is no API.
    ``previous``: the last check's state, when the caller keeps it in memory."""
    if not getattr(args, "api", None):
        return None
    if carried is None:
        previous = None
    elif previous is _FROM_DISK:
        previous = leaks.LeakState.load(cache / LEAKS)
    client = fetch.ApiClient(args.api, _fetch_settings(args))
    return leaks.check(staging, client, previous, carried, files=files)


def _search(
    site, plan, manifest, staging: Path, published: Path, bundles_dir: Path, progress
) -> dict[str, str]:
    """The search index, one Pagefind bundle per language: languages with pages that differ
    from the published ones (new, changed or removed) are indexed again, the others' bundles
    (named in the last manifest) are reused. A page re-rendered with the same bytes (a
    language version whose list of versions changed only a title it does not show) does not
    count. Returns the bundle folder's name by language, for the next manifest."""
    old_files = manifest.get("files", {}) if not plan.full else {}
    changed = {
        page.lang
        for page in plan.render
        if not _same_file(staging / page.output_path, published / page.output_path)
    }
    changed |= {rel.split("/", 1)[0] for rel in old_files if rel not in plan.inputs}
    previous = manifest.get("search", {}) if not plan.full else {}
    bundles: dict[str, str] = {}
    indexed = []
    for lang in sorted({page.lang for page in site.pages}):
        name = previous.get(lang)
        if lang in changed or name is None or not (bundles_dir / name / search.ENTRY).is_file():
            name = f"{lang}-{uuid.uuid4().hex[:12]}"  # new: never written into in place
            search.index_language(staging, lang, bundles_dir / name)
            indexed.append(lang)
        bundles[lang] = name
    search.assemble(
        {lang: bundles_dir / name for lang, name in bundles.items()}, staging / "pagefind"
    )
    reused = len(bundles) - len(indexed)
    progress(f"indexed {', '.join(indexed) or 'no language'}; {reused} languages' indexes reused")
    return bundles


def _same_file(a: Path, b: Path) -> bool:
    try:
        return filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def _remove_unused_bundles(bundles_dir: Path, used: set[str]) -> None:
    if bundles_dir.is_dir():
        for bundle in bundles_dir.iterdir():
            if bundle.name not in used:
                shutil.rmtree(bundle, ignore_errors=True)


def _load_pickle(path: Path, version: str) -> dict:
    """The build's own cache file, if written by the same code; else empty."""
    try:
        with path.open("rb") as file:
            data = pickle.load(file)  # noqa: S301 - our own file, in a folder only we write
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("version") != version:
        return {}
    return data.get("data") or {}


def _save_pickle(path: Path, version: str, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as file:
        pickle.dump({"version": version, "data": data}, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def cmd_build(args, report: Reporter, memory: Memory | None = None) -> Counter:
    """Pull and build. ``memory``: the state a long-running build keeps (see Memory)."""
    cache = cache_dir(args.out) / PULL_CACHE
    pulled = memory.pull if memory is not None and memory.loaded else None
    with report.stage("fetch") as progress:
        raw, _ = fetch.fetch_changes(
            args.api,
            cache,
            _fetch_settings(args),
            progress,
            full=args.full,
            save=False,
            cached=pulled,
        )

    def after_publish(published: RawSite) -> None:
        # The pull is saved once the site is live: if the build fails or is killed before,
        # the next one pulls the same changes again. What is saved is what was published,
        # without the pages verify took off (build_without_leaks).
        saved = fetch.save_cache(cache, published)
        if memory is not None:
            memory.pull = saved

    pages = build_without_leaks(raw, args.out, report, args, after_publish, memory)
    report.summary(pages)
    return pages


def cmd_fetch(args, report: Reporter) -> None:
    with report.stage("fetch") as progress:
        raw = fetch.fetch_site(args.api, _fetch_settings(args), progress)
        save_raw(raw, args.save)
        progress(f"{len(raw.pages)} pages saved to {args.save}")


def cmd_render(args, report: Reporter) -> None:
    report.summary(build_from_raw(load_raw(args.data), args.out, report, args))


def cmd_verify(args, report: Reporter) -> None:
    with report.stage("verify") as progress:
        checked = verify.verify(args.site, site_url=args.site_url)
        progress(f"{len(checked)} files checked, no problems")
        if args.api:
            state = leaks.check(args.site, fetch.ApiClient(args.api, _fetch_settings(args)))
            progress(f"{len(state.pages)} pages checked against {args.api}: all public")


def cmd_locales(args, report: Reporter) -> None:
    """Interface strings: extract them from the templates (--update writes them into every
    language's PO file) and check that every catalogue is complete and well-formed."""
    msgids = i18n.extract(render.THEME / "templates")
    with report.stage("locales") as progress:
        if args.update:
            for lang in i18n.NPLURALS:
                added, gone = i18n.update_catalogue(
                    i18n.po_path(render.LOCALES, lang), lang, msgids
                )
                progress(f"{lang}: {added} new, {gone} no longer used")
        problems = [
            problem
            for lang in i18n.NPLURALS
            for problem in i18n.check_catalogue(
                i18n.po_path(render.LOCALES, lang), lang, set(msgids)
            )
        ]
        for problem in problems:
            report.say(f"  {problem}")
        if problems:
            raise BuildError(f"{len(problems)} problem(s) in the interface strings; see above")
        progress(f"{len(msgids)} strings, {len(i18n.NPLURALS)} languages, all complete")


def _fetch_settings(args) -> fetch.FetchSettings:
    return fetch.FetchSettings(timeout=args.timeout, retries=args.retries, page_size=args.page_size)


def _serve(args, report: Reporter) -> None:
    from .server import cmd_serve  # the server builds on this module

    cmd_serve(args, report)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="build", description=__doc__.split("\n\n")[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    sub = top.add_subparsers(dest="command", required=True)

    def api(p, required: bool = True):
        p.add_argument(
            "--api", required=required, help="the public API root, e.g. http://host/api/v2/"
        )
        p.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
        p.add_argument("--retries", type=int, default=3, help="retries per failed request")
        p.add_argument(
            "--page-size",
            type=int,
            default=200,
            help="items per API request (the API allows up to 200)",
        )

    def output(p):
        p.add_argument("--out", type=Path, default=Path("build/site"), help="site folder")
        p.add_argument(
            "--max-drop",
            type=float,
            default=0.25,
            help="refuse to publish if a language loses more than this share of pages",
        )
        p.add_argument(
            "--full",
            action="store_true",
            help="pull and render everything, ignoring what the last build kept",
        )
        p.add_argument(
            "--no-search",
            action="store_true",
            help="leave out the search index (Pagefind)",
        )
        p.add_argument(
            "--site-url",
            default=render.DEFAULT_SITE_URL,
            help="the site's public address, for sitemap.xml (default: $UDSYN_SITE_URL)",
        )
        p.add_argument(
            "--wait",
            action="store_true",
            help="if another build into the same folder is running, wait for it to finish "
            "(default: exit 1 at once)",
        )
        p.add_argument(
            "--accessibility-url",
            default=render.DEFAULT_ACCESSIBILITY_URL,
            help="where the footer's accessibility statement link points",
        )

    p = sub.add_parser(
        "build", parents=[common], help="fetch, transform, render, verify and publish"
    )
    api(p), output(p)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser(
        "serve",
        parents=[common],
        help="build, then stay running and build again on each POST /build (see server.py)",
    )
    api(p), output(p)
    p.add_argument(
        "--port", type=int, default=8010, help="port on 127.0.0.1 to listen on (0: any free one)"
    )
    p.set_defaults(func=_serve)
    p = sub.add_parser("fetch", parents=[common], help="pull the API and save it as JSON")
    api(p)
    p.add_argument("--save", type=Path, default=Path("build/raw.json"))
    p.set_defaults(func=cmd_fetch)
    p = sub.add_parser(
        "render", parents=[common], help="transform, render, verify and publish saved data"
    )
    p.add_argument("--data", type=Path, default=Path("build/raw.json"))
    output(p)
    p.set_defaults(func=cmd_render)
    p = sub.add_parser(
        "locales",
        parents=[common],
        help="check the interface strings' PO files (--update: extract first)",
    )
    p.add_argument(
        "--update",
        action="store_true",
        help="add new strings to every PO file and mark unused ones obsolete",
    )
    p.set_defaults(func=cmd_locales)
    p = sub.add_parser("verify", parents=[common], help="check a built site")
    p.add_argument("site", type=Path)
    p.add_argument(
        "--site-url",
        help="the public address its canonical and hreflang URLs must name "
        "(default: the one they name)",
    )
    api(p, required=False)  # with it, also: is every page public in the API?
    p.set_defaults(func=cmd_verify)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"build", "serve", "fetch", "render", "verify", "locales", "-h", "--help"}
    if not any(arg in commands for arg in argv):
        argv.insert(0, "build")  # `build --api URL --out DIR` is the default command
    args = parser().parse_args(argv)
    report = Reporter(quiet=args.quiet)
    try:
        with _holding_output(args, report):
            args.func(args, report)
    except KeyboardInterrupt:
        print("error: interrupted; the published site is unchanged", file=sys.stderr)
        return 130
    except Exception as exc:
        failure = as_build_error(exc, report.current or "build", _written_folder(args))
        if failure is None:  # a bug, not bad input: still one line, and the site is untouched
            if os.environ.get("UDSYN_DEBUG"):
                raise
            print(
                f"error: internal: {type(exc).__name__}: {exc} (UDSYN_DEBUG=1 shows the traceback)",
                file=sys.stderr,
            )
            return 1
        print(f"error: {failure.stage}: {failure}", file=sys.stderr)
        return 1
    return 0


def _holding_output(args, report: Reporter) -> AbstractContextManager:
    """The output folder's lock (lock.py) for the commands that write it or its cache."""
    if getattr(args, "out", None) is None:
        return nullcontext()
    return lock.output_lock(args.out, wait=args.wait, waiting=report.say)


def _written_folder(args) -> Path | None:
    """The folder a command writes in: named when the disk refuses a write."""
    target = getattr(args, "out", None) or getattr(args, "save", None)
    return None if target is None else Path(target).resolve().parent
