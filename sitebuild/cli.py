"""The build's commands: arguments in, BuildOptions to the pipeline, the outcome printed.

    ./scripts/build --api http://localhost:8000/api/v2/ --out build/site     # everything
    ./scripts/build fetch --api URL --save build/raw.json                     # one stage
    ./scripts/build render --data build/raw.json --out build/site             # the rest
    ./scripts/build verify build/site
    ./scripts/build serve --api URL --out build/site --port 8010              # see server.py

Exit status 0 on success, 1 with a one-line reason on any build failure, 2 on bad usage.
``--json`` prints the build's outcome (report.BuildOutcome) as JSON on stdout. One build at a
time writes an output folder (lock.py): another one into the same folder exits 1 at once ("a
build into DIR is already running"), or with --wait waits for it to finish."""

import argparse
import os
import sys
from pathlib import Path

from . import i18n, lock, options, paths, pipeline, state
from .errors import BuildError, as_build_error
from .report import BuildOutcome, Reporter
from .stages import fetch, leaks, verify

COMMANDS = ("build", "fetch", "render", "verify", "locales")


def cmd_build(args: argparse.Namespace, reporter: Reporter) -> BuildOutcome:
    with lock.output_lock(args.out, wait=args.wait, waiting=reporter.say):
        return pipeline.build(options.from_arguments(args), reporter=reporter, debug=_debug())


def cmd_render(args: argparse.Namespace, reporter: Reporter) -> BuildOutcome:
    raw = state.load_raw(args.data)
    with lock.output_lock(args.out, wait=args.wait, waiting=reporter.say):
        return pipeline.build(
            options.from_arguments(args), reporter=reporter, raw=raw, debug=_debug()
        )


def cmd_fetch(args: argparse.Namespace, reporter: Reporter) -> None:
    with reporter.stage("fetch") as progress:
        raw = fetch.fetch_site(args.api, options.fetch_settings(args), progress)
        state.save_raw(raw, args.save)
        progress(f"{len(raw.pages)} pages saved to {args.save}")


def cmd_verify(args: argparse.Namespace, reporter: Reporter) -> None:
    with reporter.stage("verify") as progress:
        checked = verify.verify(args.site, site_url=args.site_url)
        progress(f"{len(checked)} files checked, no problems")
        if args.api:
            client = fetch.ApiClient(args.api, options.fetch_settings(args))
            found = leaks.check(args.site, client)
            progress(f"{len(found.pages)} pages checked against {args.api}: all public")


def cmd_locales(args: argparse.Namespace, reporter: Reporter) -> None:
    """Interface strings: extract them from the templates (--update writes them into every
    language's PO file) and check that every catalogue is complete and well-formed."""
    msgids = i18n.extract(paths.THEME / "templates")
    with reporter.stage("locales") as progress:
        if args.update:
            for lang in i18n.NPLURALS:
                added, gone = i18n.update_catalogue(i18n.po_path(paths.LOCALES, lang), lang, msgids)
                progress(f"{lang}: {added} new, {gone} no longer used")
        problems = [
            problem
            for lang in i18n.NPLURALS
            for problem in i18n.check_catalogue(
                i18n.po_path(paths.LOCALES, lang), lang, set(msgids)
            )
        ]
        for problem in problems:
            reporter.say(f"  {problem}")
        if problems:
            raise BuildError(f"{len(problems)} problem(s) in the interface strings; see above")
        progress(f"{len(msgids)} strings, {len(i18n.NPLURALS)} languages, all complete")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build",
        description=__doc__.split("\n\n")[0],
        epilog="`build serve` keeps a build running (python -m sitebuild serve --help).",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    sub = top.add_subparsers(dest="command", required=True)

    def outcome(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--json", action="store_true", help="print the build's outcome as JSON on stdout"
        )

    p = sub.add_parser("build", parents=[common], help="fetch, transform, render, verify, publish")
    options.add_api_arguments(p)
    options.add_output_arguments(p)
    outcome(p)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("fetch", parents=[common], help="pull the API and save it as JSON")
    options.add_api_arguments(p)
    p.add_argument("--save", type=Path, default=Path("build/raw.json"))
    p.set_defaults(func=cmd_fetch)
    p = sub.add_parser(
        "render", parents=[common], help="transform, render, verify and publish saved data"
    )
    p.add_argument("--data", type=Path, default=Path("build/raw.json"))
    options.add_output_arguments(p)
    outcome(p)
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
    options.add_api_arguments(p, required=False)  # with it, also: is every page public?
    p.set_defaults(func=cmd_verify)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not any(arg in (*COMMANDS, "-h", "--help") for arg in argv):
        argv.insert(0, "build")  # `build --api URL --out DIR` is the default command
    args = parser().parse_args(argv)
    reporter = Reporter(quiet=args.quiet)
    try:
        result = args.func(args, reporter)
    except KeyboardInterrupt:
        print("error: interrupted; the published site is unchanged", file=sys.stderr)
        return 130
    except Exception as exc:
        failure = as_build_error(exc, reporter.current or "build", _written_folder(args))
        if failure is None:  # a bug, not bad input: still one line, and the site is untouched
            if _debug():
                raise
            print(
                f"error: internal: {type(exc).__name__}: {exc} (UDSYN_DEBUG=1 shows the traceback)",
                file=sys.stderr,
            )
            return 1
        print(f"error: {failure.stage}: {failure}", file=sys.stderr)
        return 1
    if isinstance(result, BuildOutcome):
        return _print(result, reporter, as_json=args.json)
    return 0


def _print(outcome: BuildOutcome, reporter: Reporter, as_json: bool) -> int:
    if as_json:
        print(outcome.as_json())
    lines = outcome.summary()
    if outcome.error and outcome.error.startswith("internal:"):
        lines[-1] += " (UDSYN_DEBUG=1 shows the traceback)"
    for line in lines:
        if line.startswith("error:"):
            print(line, file=sys.stderr)  # even with --quiet
        else:
            reporter.say(line)
    return 0 if outcome.ok else 1


def _debug() -> bool:
    return bool(os.environ.get("UDSYN_DEBUG"))


def _written_folder(args: argparse.Namespace) -> Path | None:
    """The folder a command writes in: named when the disk refuses a write."""
    target = getattr(args, "out", None) or getattr(args, "save", None)
    return None if target is None else Path(target).resolve().parent
