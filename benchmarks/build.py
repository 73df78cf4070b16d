"""Benchmark: the whole build against the real CMS API, next to plain Pelican (reST files) and
Hugo (Markdown files) building the same pages, in one run.

    ./scripts/bench-build [--pages 1000]

Loads N synthetic pages x 8 languages (as ./scripts/bench-api does), serves them with gunicorn,
and prints: our full build by stage (API pull to published site), a one-page-change rebuild,
peak memory of each, and the two baselines: Pelican from Markdown files (stock reader, simple
theme) and Hugo (Debian's package), each on the same pages' text. Baselines are tools outside
the project's dependencies; they are skipped with a note when not installed."""

import argparse
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.api_pull import LOCALES, ROOT, prepare, served

STAGES = re.compile(r"time: (.*)$", re.MULTILINE)


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, str]:
    """Seconds, peak resident memory of the child (MB) and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{result.stderr[-3000:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak, result.stderr


def markdown_site(raw_pages: list[dict], folder: Path, front: str) -> None:
    """Each page as a text file (reST for Pelican, Markdown for Hugo), for the baselines."""
    for page in raw_pages:
        lang, path = page["meta"]["locale"], page["meta"]["site_path"] or "home/"
        body = "\n\n".join(
            re.sub(r"<[^>]+>", "", block["value"])
            if isinstance(block["value"], str)
            else str(block["value"])
            for block in page.get("body", [])
        )
        suffix = ".rst" if front is PELICAN_FRONT else ".md"
        target = folder / lang / (path.rstrip("/").replace("/", "-") + suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        title = page["title"].replace('"', "'")
        text = front.format(
            title=title,
            underline="#" * (len(title) + 4),
            lang=lang,
            slug=f"{lang}-{target.stem}",
            key=page["meta"]["translation_key"],
        )
        target.write_text(text + body, encoding="utf-8")


# reStructuredText for Pelican: its reader needs only docutils, which Pelican brings.
PELICAN_FRONT = "{title}\n{underline}\n\n:lang: {lang}\n:slug: {slug}\n:date: 2026-01-01\n\n"
HUGO_FRONT = '---\ntitle: "{title}"\nslug: "{slug}"\ntranslationKey: "{key}"\n---\n\n'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per language")
    args = parser.parse_args()
    work, env = prepare(args.pages, "udsyn-bench-build-")
    total = args.pages * len(LOCALES)
    print(f"{total} pages ({args.pages} x {len(LOCALES)} languages)\n")
    rows = []
    with served(env) as base:
        api = f"{base}/api/v2/"
        out = work / "site"
        build = [sys.executable, "-m", "sitebuild", "build", "--api", api, "--out", str(out)]
        seconds, peak, log = timed([*build, "--full"], ROOT, env)
        rows.append(
            (
                "Udsyn full build (API pull to published site)",
                seconds,
                peak,
                STAGES.search(log).group(1),
            )
        )

        from cms.api.documents import store
        from cms.information.models import InformationPage

        page = InformationPage.objects.filter(locale__language_code="en").first()
        page.title = "Edited title"
        page.save()
        store(page)  # what publishing does for the API
        seconds, peak, log = timed(build, ROOT, env)
        rendered = re.search(r"\[render\] (\d+) of", log).group(1)
        rows.append(
            (
                f"Udsyn one-page change ({rendered} pages rendered)",
                seconds,
                peak,
                STAGES.search(log).group(1),
            )
        )

        from sitebuild.fetch import load_cache

        raw = load_cache(work / ".site-cache" / "pages.pickle")["pages"]
        if shutil.which("pelican"):
            content = work / "pelican-content"
            markdown_site(raw, content, PELICAN_FRONT)
            seconds, peak, _ = timed(
                [
                    "pelican",
                    str(content),
                    "-o",
                    str(work / "pelican-out"),
                    "-q",
                    "-s",
                    str(write_pelican_conf(work)),
                ],
                work,
            )
            pages = len(list((work / "pelican-out").rglob("*.html")))
            rows.append(("baseline: Pelican from reST files", seconds, peak, f"{pages} files"))
        if shutil.which("hugo"):
            hugo = work / "hugo"
            markdown_site(raw, hugo / "content", HUGO_FRONT)
            (hugo / "hugo.toml").write_text(hugo_conf())
            (hugo / "layouts" / "_default").mkdir(parents=True)
            (hugo / "layouts" / "_default" / "single.html").write_text(
                "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}"
            )
            seconds, peak, _ = timed(["hugo", "--quiet", "-s", str(hugo)], work)
            pages = len(list((hugo / "public").rglob("*.html")))
            rows.append(("baseline: Hugo", seconds, peak, f"{pages} files"))
        else:
            rows.append(("baseline: Hugo (not installed: apt-get install hugo)", 0, 0, ""))
    print(f"{'':52} {'seconds':>8} {'peak MB':>8}  stages")
    for name, seconds, peak, stages in rows:
        print(f"{name:52} {seconds:>8.2f} {peak:>8.0f}  {stages}")
    return 0


def write_pelican_conf(work: Path) -> Path:
    conf = work / "pelicanconf.py"
    conf.write_text(
        "SITEURL = ''\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'da'\nFEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nCACHE_CONTENT = False\n"
        "DEFAULT_DATE = (2026, 1, 1)\n"
    )
    return conf


def hugo_conf() -> str:
    return (
        'baseURL = "/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        'defaultContentLanguage = "da"\n[languages]\n'
        + "".join(f'[languages.{code}]\ncontentDir = "content/{code}"\n' for code in LOCALES)
    )


if __name__ == "__main__":
    sys.exit(main())
