"""The build: runs the stages for a BuildOptions and returns a BuildOutcome.

    fetch → transform → render → search → verify (+ leaks) → publish → (bookkeeping)

``build`` pulls the API (only what changed, when the last build left its pull) and builds; with
``raw`` it builds saved data instead (``render --data``). What carries over from the last build
is decided here: the saved pull, the transform cache and the pages transform may reuse, the
plan's manifest and the spare folder (incremental.py), the search bundles (search.py) and the
leak check's state (leaks.py), all read from and saved to the state folder (state.py) - or,
for the build server, kept in a BuildState between builds.

Privacy comes before the last good site: if verify's leak check finds pages the CMS no longer
publishes, the build drops them and builds again; if that fails too, the last good site is
published without them and the build fails naming them (withdraw.py).

Faces (cli.py, server.py) call ``build``; they hold the output folder's lock (lock.py)."""

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .errors import BuildError, VerifyError, as_build_error
from .model import RawSite
from .options import BuildOptions
from .paths import list_files
from .report import BuildOutcome, Reporter
from .stages import fetch, incremental, leaks, publish, render, search, transform, verify, withdraw
from .state import BuildState, StateFolder


def build(
    options: BuildOptions,
    state: BuildState | None = None,
    reporter: Reporter | None = None,
    raw: RawSite | None = None,
    debug: bool = False,
) -> BuildOutcome:
    """Build the site ``options`` describe and say how it went. ``state``: the last build's,
    kept in memory by a caller that builds again (the server); it is updated once a build
    succeeds, left as it was by a build that fails before going live, and marked unloaded
    (the next build reads the files) after a failure it may no longer describe. ``raw``:
    saved data to build instead of pulling the API. ``debug``: a bug (an exception that is
    not a BuildError) is raised, not reported."""
    reporter = reporter or Reporter()
    started, clock = time.time(), time.perf_counter()
    outcome = BuildOutcome(result="ok", started_at=started, seconds=0.0)
    try:
        pages = _pull_and_build(options, state, reporter, raw)
        outcome.pages = dict(pages)
    except Exception as exc:
        failure = as_build_error(exc, reporter.current or "build", options.out.resolve().parent)
        if failure is None and debug:
            raise
        outcome.result = "failed"
        outcome.error = (
            f"{failure.stage}: {failure}"
            if failure is not None
            else f"internal: {type(exc).__name__}: {exc}"
        )
        unexpected = not isinstance(exc, BuildError)
        if state is not None and (reporter.live_at is not None or unexpected):
            state.reset()  # it may not describe the files any more: the next build reads them
    outcome.seconds = time.perf_counter() - clock
    outcome.stages = dict(reporter.seconds)
    outcome.live_at = reporter.live_at
    outcome.rendered = reporter.rendered
    outcome.indexed = reporter.indexed
    outcome.warnings = list(reporter.warnings)
    return outcome


def _pull_and_build(
    options: BuildOptions, state: BuildState | None, reporter: Reporter, raw: RawSite | None
) -> Counter:
    folder = StateFolder(options.out)
    if raw is not None:
        return _build_privately(raw, options, state, reporter, folder, lambda published: None)
    if not options.api:
        raise BuildError("no API to build from: give --api")
    pulled = state.pull if state is not None and state.loaded else folder.pull()
    with reporter.stage("fetch") as progress:
        raw, _ = fetch.fetch_changes(
            options.api, pulled, options.fetch, progress, full=options.full
        )

    def save_pull(published: RawSite) -> dict:
        # Saved once the site is live: if the build fails or is killed before, the next one
        # pulls the same changes again. What is saved is what was published, without the
        # pages verify took off (_build_privately).
        pull = fetch.pull_data(published)
        folder.save_pull(pull)
        return pull

    return _build_privately(raw, options, state, reporter, folder, save_pull)


def _build_privately(
    raw: RawSite,
    options: BuildOptions,
    state: BuildState | None,
    reporter: Reporter,
    folder: StateFolder,
    save_pull: Callable[[RawSite], dict | None],
) -> Counter:
    """``_build``, with privacy before the last good site (withdraw.py): if verify's leak
    check finds pages the CMS does not publish, build again without them; if that build fails
    too, publish the last good site without their files, and fail naming them."""
    warnings = list(reporter.warnings)
    try:
        return _build(raw, options, state, reporter, folder, save_pull)
    except leaks.LeakError as leak:
        gone = dict(leak.pages)
    reporter.warnings = [*warnings, withdraw.notice(gone)]  # not the first attempt's twice
    reporter.say(f"[verify] {len(gone)} page(s) not public in the CMS: building again without")
    try:
        clean = withdraw.without_pages(raw, gone.values())
        return _build(clean, options, state, reporter, folder, save_pull)
    except leaks.LeakError as leak:  # more of them since: they come off the site too
        gone |= leak.pages
        failure: Exception = leak
    except Exception as exc:
        if reporter.live_at is not None:  # after the site without them went live
            raise
        failure = exc
    failed = as_build_error(failure, reporter.current or "build")  # in its stage
    why = _explained(failure, reporter)
    if state is not None:  # what it holds has the pages: the next build reads the files
        state.reset()
    listed = f"{len(gone)} page(s) that are not public in the CMS ({', '.join(sorted(gone))})"
    try:
        removed = _publish_without(options, folder, gone, reporter)
    except withdraw.RemovedInPlaceError as exc:
        raise withdraw.WithdrawnError(
            f"the {listed}: {exc}; no new site could be built without them: {why}"
        ) from None
    except Exception as exc:
        raise withdraw.WithdrawnError(
            f"could not take the {listed} off the site ({_explained(exc, reporter)}) after "
            f"this failure: {why}"
        ) from None  # the message says it all, a full disk included
    if not removed:  # none of them was on the published site: an ordinary failed build
        raise failed or failure
    raise withdraw.WithdrawnError(
        f"the last good site is published without the {listed}, because no new site could "
        f"be built without them: {why}"
    ) from None


def _last_state(state: BuildState | None, folder: StateFolder, version: str) -> BuildState:
    """What the last build left, for a build of ``version``: the caller's, when it holds
    that, else what the files hold."""
    if state is not None and state.loaded and state.version == version:
        return state
    last = folder.read(version)
    if state is not None:
        last.digests = state.digests  # item digests do not depend on the code's version
    return last


def _build(
    raw: RawSite,
    options: BuildOptions,
    state: BuildState | None,
    reporter: Reporter,
    folder: StateFolder,
    save_pull: Callable[[RawSite], dict | None],
) -> Counter:
    """Transform, render, search, verify and publish ``raw``; then the bookkeeping for the
    next build, which does not delay the site going live."""
    out = options.out
    render_options = options.output_options()
    version = incremental.code_version(render.THEME, render.LOCALES, render_options)
    last = _last_state(state, folder, version)
    kept_site = last.site if not options.full else None
    with reporter.stage("transform") as progress:
        transformed = {} if options.full else last.transformed
        digests = state.digests if state is not None else None
        site = transform.transform(raw, transformed, digests, kept_site)
        reporter.warnings += site.warnings
        progress(f"{len(site.pages)} pages")
    manifest = last.manifest
    plan = incremental.plan(site, manifest, out, version, full=options.full, memo=last.plan_memo)
    staging = publish.staging_dir(out)
    try:
        with reporter.stage("render") as progress:
            reused = incremental.use_spare(folder.spare, last.spare, plan, out, staging, version)
            if reused:  # the spare is this build's staging folder now, whatever happens
                folder.drop_spare()
                last.spare = {}
            render.render(
                site,
                staging,
                progress,
                pages=plan.render,
                write_root=plan.render_root,
                **render_options,
            )
            reporter.rendered = len(plan.render)
            if not reused:
                incremental.link_kept(plan.keep, out, staging)
            if not plan.full:
                how = "brought up to date" if reused else "hard-linked"
                progress(f"{len(plan.keep)} unchanged files carried over ({how})")
            listing = list_files(staging)
            # Before indexing: a pull that lost most of a language's pages (an API that
            # suddenly answers with none) fails with verify's message, not in Pagefind.
            before = incremental.published_counts(plan, manifest, out)
            if drops := verify.page_drops(before, listing, options.max_drop):
                raise VerifyError(drops)
        bundles: dict[str, str] = {}
        if options.search:
            with reporter.stage("search") as progress:
                bundles, reporter.indexed = search.index_site(
                    site, plan, manifest, staging, out, folder.search, progress
                )
            listing |= {f"pagefind/{rel}" for rel in list_files(staging / "pagefind")}
        with reporter.stage("verify") as progress:
            facts, leak_state = _verify(staging, plan, options, last, listing, manifest)
            progress(f"{len(facts)} pages checked ({len(facts) - len(plan.known)} parsed)")
            if leak_state is None:
                reporter.warnings.append(
                    "no API to ask: the output was not checked for unpublished pages"
                )
        with reporter.stage("publish") as progress:
            previous = publish.publish(staging, out)
            # What an editor waits for ends here; the outcome's live_at.
            reporter.live_at = time.time()
            progress(f"published to {out} (live at {reporter.live_at:.3f})")
    except BaseException:
        publish.discard(staging)
        raise
    try:
        with reporter.stage("cleanup"):
            new = BuildState(
                loaded=True,
                version=version,
                manifest=incremental.manifest_of(version, plan, facts, listing, out),
                leak_state=leak_state,
                transformed=site.cache,
                site=site,
                plan_memo=plan.memo,
            )
            new.manifest["search"] = bundles
            folder.save_published(new)
            search.remove_unused_bundles(folder.search, set(bundles.values()))
            new.pull = save_pull(raw)
            folder.save_transformed(version, site.cache)
            if previous is not None:
                new.spare = incremental.keep_as_spare(
                    previous, manifest, folder.spare, folder.save_spare
                )
            if state is not None:  # only now: a build that failed before left it as it was
                live = {id(item) for item in raw.pages}
                new.digests = {k: v for k, v in state.digests.items() if k in live}
                state.take(new)
    except BaseException:
        if previous is not None:  # not kept as the spare: nothing describes it
            publish.discard(previous)
        raise
    return Counter(page.lang for page in site.pages)


def _verify(
    staging: Path,
    plan: incremental.Plan,
    options: BuildOptions,
    last: BuildState,
    listing: set[str],
    manifest: dict,
) -> tuple[dict[str, dict], leaks.LeakState | None]:
    """verify's checks of the output (the page counts were checked before indexing), then
    the leak check. The leak check runs even when the output fails the other checks: a page
    that is no longer public must come off the site (_build_privately), whatever else is
    wrong with this build."""
    try:
        facts = verify.verify(
            staging,
            known=plan.known,
            files=listing,
            known_links_hold=not plan.full and incremental.nothing_gone(manifest, listing),
            site_url=options.site_url,
        )
    except VerifyError as problems:
        try:
            _check_leaks(staging, options, plan, last, listing)
        except leaks.LeakError:
            raise
        except BuildError:
            pass  # the API cannot say: the output's own problems are the news
        raise problems from None
    return facts, _check_leaks(staging, options, plan, last, listing)


def _check_leaks(
    staging: Path,
    options: BuildOptions,
    plan: incremental.Plan,
    last: BuildState,
    listing: set[str],
) -> leaks.LeakState | None:
    """Ask the API, independently of fetch, whether every page in the output is public (see
    leaks.py): a full build asks about every page, an incremental one about what changed
    since the last check. None when there is no API to ask."""
    if not options.api:
        return None
    carried = None if plan.full else plan.known
    previous = None if carried is None else last.leak_state
    client = fetch.ApiClient(options.api, options.fetch)
    return leaks.check(staging, client, previous, carried, files=listing)


def _publish_without(
    options: BuildOptions, folder: StateFolder, gone: dict[str, int], reporter: Reporter
) -> list[str]:
    """The last good site without the pages ``gone``, and the state that described it
    forgotten (see withdraw.py)."""
    with reporter.stage("withdraw") as progress:
        try:
            removed = withdraw.publish_without(
                options.out, gone, folder.search, options.search, progress
            )
        finally:
            folder.forget_pages(set(gone.values()))
            folder.forget_published()
        if removed:
            reporter.live_at = time.time()
    return removed


def _explained(exc: BaseException, reporter: Reporter) -> str:
    """``exc`` in one line, as the faces print it."""
    failure = as_build_error(exc, reporter.current or "build")
    return f"{failure.stage}: {failure}" if failure else f"internal: {type(exc).__name__}: {exc}"
