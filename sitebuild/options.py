"""What a build is asked to do: ``BuildOptions``, and the command-line arguments that make one.

The faces (cli.py, server.py) turn their arguments into a BuildOptions with ``from_arguments``
and hand it to the pipeline; nothing below them sees argparse."""

import argparse
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .stages.fetch import FetchSettings
from .stages.render import DEFAULT_ACCESSIBILITY_URL, DEFAULT_SITE_URL


@dataclass(frozen=True)
class BuildOptions:
    out: Path  # the published site's folder
    api: str | None = None  # the public API root; None for a build from saved data
    full: bool = False  # ignore what the last build left: pull, render and check everything
    max_drop: float = 0.25  # refuse a site where a language lost more of its pages
    search: bool = True  # the Pagefind index
    site_url: str = DEFAULT_SITE_URL
    accessibility_url: str = DEFAULT_ACCESSIBILITY_URL
    fetch: FetchSettings = field(default_factory=FetchSettings)
    wait: bool = False  # if another build holds the output folder, wait for it (lock.py)

    def output_options(self) -> dict[str, Any]:
        """The options that shape the output files (render takes them; a change renders
        everything again)."""
        return {
            "accessibility_url": self.accessibility_url,
            "site_url": self.site_url,
            "search": self.search,
        }

    def once(self) -> "BuildOptions":
        """These options for the builds after the first: ``full`` is for one build only."""
        return dataclasses.replace(self, full=False) if self.full else self


def add_api_arguments(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--api", required=required, help="the public API root, e.g. http://host/api/v2/"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--retries", type=int, default=3, help="retries per failed request")
    parser.add_argument(
        "--page-size",
        type=int,
        default=200,
        help="items per API request (the API allows up to 200)",
    )


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("build/site"), help="site folder")
    parser.add_argument(
        "--max-drop",
        type=float,
        default=0.25,
        help="refuse to publish if a language loses more than this share of pages",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="pull and render everything, ignoring what the last build kept",
    )
    parser.add_argument(
        "--no-search", action="store_true", help="leave out the search index (Pagefind)"
    )
    parser.add_argument(
        "--site-url",
        default=DEFAULT_SITE_URL,
        help="the site's public address, for canonical URLs and sitemap.xml "
        "(default: $UDSYN_SITE_URL)",
    )
    parser.add_argument(
        "--wait",
        action="store_true",
        help="if another build into the same folder is running, wait for it to finish "
        "(default: exit 1 at once)",
    )
    parser.add_argument(
        "--accessibility-url",
        default=DEFAULT_ACCESSIBILITY_URL,
        help="where the footer's accessibility statement link points",
    )


def fetch_settings(args: argparse.Namespace) -> FetchSettings:
    return FetchSettings(timeout=args.timeout, retries=args.retries, page_size=args.page_size)


def from_arguments(args: argparse.Namespace) -> BuildOptions:
    """The options of a command parsed with the arguments above."""
    return BuildOptions(
        out=args.out,
        api=getattr(args, "api", None),
        full=args.full,
        max_drop=args.max_drop,
        search=not args.no_search,
        site_url=args.site_url,
        accessibility_url=args.accessibility_url,
        fetch=fetch_settings(args) if hasattr(args, "timeout") else FetchSettings(),
        wait=args.wait,
    )
