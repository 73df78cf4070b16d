"""Benchmark: the whole build against the real CMS API, next to plain Pelican (reST files) and
Hugo (Markdown files) building the same pages, in one run.

    ./scripts/bench-build [--pages 1000]

Loads N synthetic pages x 8 languages (as ./scripts/bench-api does), serves them with gunicorn,
and prints, for our build without and with the search index (Pagefind): a full build by stage
(API pull to published site) and a one-page-change rebuild, each with its wall time, the time
until the new site was live (from starting the command to the atomic swap; what an editor
waits for) and its peak memory; a one-page change through the build server (`build serve`,
timed from the POST until live); then the two baselines: Pelican from reST files (stock
reader, simple theme) and Hugo (Debian's package), each on the same pages' text, and the
ratios of ours to Hugo. Baselines are tools outside the project's dependencies; they are
skipped with a note when not installed."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from benchmarks.api_pull import LOCALES, ROOT, prepare, served

STAGES = re.compile(r"time: (.*)$", re.MULTILINE)
LIVE = re.compile(r"\(live at ([0-9.]+)\)")


# Linux counts a child's memory before exec in its peak, so a command started straight from
# this process (which holds Django and the loaded data) would show this process's size. A
# small launcher starts it instead and reports its peak (with the processes it waited for,
# such as Pagefind).
LAUNCHER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, str]:
    """Seconds, peak resident memory (MB) of this one command, and its stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = os.path.join(tmp, "peak")
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", LAUNCHER, peak_file, *command],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command[:3])} failed:\n{result.stderr[-3000:]}")
        with open(peak_file) as file:
            peak = int(file.read()) / 1024
    return seconds, peak, result.stderr


def our_build(command: list[str], env: dict) -> tuple[float, float, float, str, str]:
    """Wall seconds, seconds until the new site was live, peak MB, the stage times and how
    many pages were rendered."""
    started = time.time()
    seconds, peak, log = timed(command, ROOT, env)
    live = float(LIVE.search(log).group(1)) - started
    rendered = re.search(r"\[render\] (\d+) of", log).group(1)
    return seconds, live, peak, STAGES.search(log).group(1), rendered


SERVER_EDITS = 5
# As LAUNCHER, for the server's peak memory (which it reports itself): started from this big
# process, its peak would count this one's size. SIGTERM is passed on.
SERVE_LAUNCHER = """
import signal, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
signal.signal(signal.SIGTERM, lambda *_: child.terminate())
sys.exit(child.wait())
"""


def server_row(api: str, out: Path, env: dict) -> tuple[str, float, float, float, str]:
    """A one-page change through the build server (``build serve``, see sitebuild/server.py),
    on the site the CLI runs above left: the server starts (its first build finds nothing
    changed), then ``SERVER_EDITS`` times: edit one page, POST /build, and time it from the
    POST until the site is live (the server's ``live_at``) and until the answer. The median
    of the edits is shown, with their range; peak MB is the server process's own."""
    command = [sys.executable, "-m", "sitebuild", "serve", "--api", api, "--out", str(out)]
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE_LAUNCHER, *command, "--no-search", "--port", "0", "-q"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in server.stderr:
            if "listening on" in line:
                url = line.split("listening on ")[1].split()[0]
                break
        else:
            raise SystemExit("the build server did not start")
        threading.Thread(target=server.stderr.read, daemon=True).start()  # keep it drained
        lives, answers, runs = [], [], []
        for n in range(SERVER_EDITS):
            edit_one_page(f"Edited through the server {n}")
            posted = time.time()
            answer = requests.post(url + "build", timeout=120).json()
            answers.append(time.time() - posted)
            if answer["result"] != "ok":
                raise SystemExit(f"the build server's build failed: {answer['error']}")
            lives.append(answer["live_at"] - posted)
            runs.append(answer)
        peak = requests.get(url + "status", timeout=10).json()["peak_mb"]
    finally:
        server.terminate()
        server.wait(30)
    middle = sorted(range(SERVER_EDITS), key=lambda n: lives[n])[SERVER_EDITS // 2]
    typical = runs[middle]
    stages = ", ".join(f"{name} {s:.2f}s" for name, s in typical["stages"].items())
    name = f"Udsyn build server: one-page change ({typical['rendered']} rendered), no search"
    spread = f"; live after {min(lives):.2f}-{max(lives):.2f}s over {SERVER_EDITS} edits"
    return name, answers[middle], lives[middle], peak, f"{stages}{spread}"


def edit_one_page(title: str) -> None:
    from cms.api.documents import store
    from cms.information.models import InformationPage

    page = InformationPage.objects.filter(locale__language_code="en").order_by("id").first()
    page.title = title
    page.save()
    store(page)  # what publishing does for the API


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
    rows = []  # (name, seconds, live seconds or None, peak MB, details)
    render_seconds = {}
    with served(env) as base:
        api = f"{base}/api/v2/"
        for search in (False, True):
            out = work / ("site-search" if search else "site")
            build = [sys.executable, "-m", "sitebuild", "build", "--api", api, "--out", str(out)]
            build += [] if search else ["--no-search"]
            label = "with search index" if search else "no search index"
            seconds, live, peak, stages, _ = our_build([*build, "--full"], env)
            render_seconds[search] = float(re.search(r"render ([0-9.]+)s", stages).group(1))
            rows.append((f"Udsyn full build, {label}", seconds, live, peak, stages))
            edit_one_page(f"Edited title {int(search)}")
            seconds, live, peak, stages, rendered = our_build(build, env)
            name = f"Udsyn one-page change ({rendered} pages rendered), {label}"
            rows.append((name, seconds, live, peak, stages))

        rows.append(server_row(api, work / "site", env))

        from sitebuild.fetch import load_cache

        raw = load_cache(work / ".site-cache" / "pages.pickle")["pages"]
        hugo_seconds = None
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
            rows.append(
                ("baseline: Pelican from reST files", seconds, None, peak, f"{pages} files")
            )
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
            rows.append(("baseline: Hugo", seconds, None, peak, f"{pages} files"))
            hugo_seconds = seconds
        else:
            rows.append(("baseline: Hugo (not installed: apt-get install hugo)", 0, None, 0, ""))
    print(f"{'':64} {'seconds':>8} {'live after':>10} {'peak MB':>8}  stages")
    for name, seconds, live, peak, stages in rows:
        shown = f"{live:>10.2f}" if live is not None else f"{'':>10}"
        print(f"{name:64} {seconds:>8.2f} {shown} {peak:>8.0f}  {stages}")
    if hugo_seconds:
        print(
            f"\nratio to Hugo's build: render stage {render_seconds[False] / hugo_seconds:.2f} "
            f"(no search index), {render_seconds[True] / hugo_seconds:.2f} (with); "
            f"whole build {rows[0][1] / hugo_seconds:.2f} (no search index), "
            f"{rows[2][1] / hugo_seconds:.2f} (with)"
        )
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
