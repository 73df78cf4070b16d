"""Benchmark: the whole build against the real CMS API, next to plain Pelican (reST files) and
Hugo (Markdown files) building the same pages, in one run.

    ./scripts/bench-build [--pages 1000]

Loads N synthetic pages x 8 languages (as ./scripts/bench-api does), serves them with gunicorn,
and prints, for our build without and with the search index (Pagefind): a full build by stage
(API pull to published site) and a one-page-change rebuild, each with its wall time, the time
until the new site was live (from starting the command to the atomic swap; what an editor
waits for) and its peak memory; a one-page change through the build server (`build serve`,
timed from the POST until live); then the baselines: Pelican from reST files (stock reader,
simple theme) on the same pages' text, and Hugo (Debian's package) on the same pages in the
same tree, once with our page frame as its layouts (benchmarks/hugo/: the ratio's baseline)
and once with one-line layouts, each checked to write the same HTML files as ours; and the
ratios of ours to Hugo. Baselines are tools outside the project's dependencies; they are
skipped with a note when not installed."""

import argparse
import json
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
    """Seconds, peak resident memory (MB) of this one command, and its stdout."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = os.path.join(tmp, "peak")
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", LAUNCHER, peak_file, *command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command[:3])} failed:\n{result.stderr[-3000:]}")
        with open(peak_file) as file:
            peak = int(file.read()) / 1024
    return seconds, peak, result.stdout


def our_build(command: list[str], env: dict) -> tuple[float, float, float, dict]:
    """Wall seconds, seconds until the new site was live, peak MB and the build's outcome
    (``--json``: report.BuildOutcome)."""
    started = time.time()
    seconds, peak, printed = timed([*command, "--json", "-q"], ROOT, env)
    outcome = json.loads(printed)
    return seconds, outcome["live_at"] - started, peak, outcome


def stage_times(outcome: dict) -> str:
    return ", ".join(f"{name} {s:.2f}s" for name, s in outcome["stages"].items())


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
    stages = stage_times(typical)
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


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def rest_site(raw_pages: list[dict], folder: Path) -> None:
    """Each page as a reStructuredText file, for the Pelican baseline (flat, one per page)."""
    for page in raw_pages:
        lang, path = page["meta"]["locale"], page["meta"]["site_path"] or "home/"
        body = "\n\n".join(
            text_of(block["value"]) if isinstance(block["value"], str) else str(block["value"])
            for block in page.get("body", [])
        )
        target = folder / lang / (path.rstrip("/").replace("/", "-") + ".rst")
        target.parent.mkdir(parents=True, exist_ok=True)
        title = page["title"].replace('"', "'")
        text = PELICAN_FRONT.format(
            title=title, underline="#" * (len(title) + 4), lang=lang, slug=f"{lang}-{target.stem}"
        )
        target.write_text(text + body, encoding="utf-8")


# reStructuredText for Pelican: its reader needs only docutils, which Pelican brings.
PELICAN_FRONT = "{title}\n{underline}\n\n:lang: {lang}\n:slug: {slug}\n:date: 2026-01-01\n\n"


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
            seconds, live, peak, outcome = our_build([*build, "--full"], env)
            render_seconds[search] = outcome["stages"]["render"]
            rows.append((f"Udsyn full build, {label}", seconds, live, peak, stage_times(outcome)))
            edit_one_page(f"Edited title {int(search)}")
            seconds, live, peak, outcome = our_build(build, env)
            name = f"Udsyn one-page change ({outcome['rendered']} pages rendered), {label}"
            rows.append((name, seconds, live, peak, stage_times(outcome)))

        rows.append(server_row(api, work / "site", env))

        from sitebuild.state import StateFolder

        cache = StateFolder(work / "site").pull()
        raw = cache["pages"]
        hugo_seconds: dict[str, float] = {}
        if shutil.which("pelican"):
            content = work / "pelican-content"
            rest_site(raw, content)
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
            hugo_site(cache, hugo)
            bare = work / "hugo-bare"
            write_bare_site(hugo, bare, BARE)
            # Two layouts on the same content: our page frame (the baseline for the ratio),
            # and title and content only (Hugo's floor, as earlier runs measured it).
            for name, site in (("same page frame", hugo), ("title and content only", bare)):
                seconds, peak, _ = timed(["hugo", "--quiet", "-s", str(site)], work)
                same = same_pages(work / "site", site / "public")
                rows.append((f"baseline: Hugo, {name}", seconds, None, peak, same))
                hugo_seconds[name] = seconds
        else:
            rows.append(("baseline: Hugo (not installed: apt-get install hugo)", 0, None, 0, ""))
    print(f"{'':64} {'seconds':>8} {'live after':>10} {'peak MB':>8}  stages")
    for name, seconds, live, peak, stages in rows:
        shown = f"{live:>10.2f}" if live is not None else f"{'':>10}"
        print(f"{name:64} {seconds:>8.2f} {shown} {peak:>8.0f}  {stages}")
    for name, seconds in hugo_seconds.items():
        print(
            f"\nratio to Hugo's build ({name}): render stage "
            f"{render_seconds[False] / seconds:.2f} (no search index), "
            f"{render_seconds[True] / seconds:.2f} (with); whole build "
            f"{rows[0][1] / seconds:.2f} (no search index), {rows[2][1] / seconds:.2f} (with)"
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


HUGO_LAYOUTS = Path(__file__).parent / "hugo"
# The interface strings the Hugo layouts use, by the msgid of ours (locales/*.po).
HUGO_STRINGS = {
    "site": "Herning Municipality",
    "fallback": "Information from Herning Municipality for new residents, guests and businesses.",
    "skip": "Skip to main content",
    "menu": "Main menu",
    "readin": "Read this page in",
    "here": "You are here",
    "a11y": "Accessibility statement",
    "owner": "Responsible",
    "reviewed": "Last reviewed",
    "children": "In this section",
    "notfound": "The page you were looking for does not exist, or it has moved.",
    "front": "Go to the front page",
    "original": "Read the original:",
}
ONE_LINE = "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}"
BARE = {"_default/single.html": ONE_LINE, "_default/list.html": ONE_LINE, "404.html": ONE_LINE}


def hugo_site(cache: dict, folder: Path) -> None:
    """The same pages for Hugo, in the same tree and at the same URLs (home and section pages
    as ``_index.md``, their children listed by Hugo), Markdown with JSON front matter, our
    page frame as Hugo layouts (benchmarks/hugo/) and our interface strings as Hugo's i18n."""
    from sitebuild import i18n
    from sitebuild.paths import LOCALES as LOCALES_DIR

    shutil.copytree(HUGO_LAYOUTS, folder, dirs_exist_ok=True)
    for page in cache["pages"]:
        meta = page["meta"]
        lang, path = meta["locale"], meta["site_path"]
        front = {
            "title": page["title"],
            "translationKey": meta["translation_key"],
            "weight": int(meta["position"][-4:], 36),
            "id": page["id"],
            "state": meta["translation"]["state"],
            "summary": page.get("summary", ""),
            "owner": page.get("content_owner", ""),
            "reviewed": page.get("last_reviewed", ""),
        }
        blocks = [page.get("welcome") or page.get("intro") or ""]
        for block in page.get("body", []):
            if block["type"] == "heading":
                blocks.append(f"## {block['value']['text']}")
            elif isinstance(block["value"], str):
                blocks.append(text_of(block["value"]))
        if meta["type"] == "information.InformationPage":
            target = folder / "content" / lang / (path.rstrip("/") + ".md")
        else:
            target = folder / "content" / lang / path / "_index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(front) + "\n\n" + "\n\n".join(blocks), encoding="utf-8")
    (folder / "i18n").mkdir(exist_ok=True)
    for locale in cache["locales"]:
        catalogue = i18n.load(LOCALES_DIR, locale["code"])
        (folder / "i18n" / f"{locale['code']}.toml").write_text(
            "".join(
                f"{key} = {json.dumps(catalogue.gettext(msgid))}\n"
                for key, msgid in HUGO_STRINGS.items()
            ),
            encoding="utf-8",
        )
    (folder / "hugo.toml").write_text(hugo_conf(cache["locales"], folder / "content"))


def same_pages(ours: Path, theirs: Path) -> str:
    """Whether a baseline wrote the HTML files ours did, at the same paths: a baseline that
    builds other pages would not be a baseline."""
    mine, other = ({p.relative_to(root) for p in root.rglob("*.html")} for root in (ours, theirs))
    if mine == other:
        return f"{len(other)} files, the same pages as ours"
    return (
        f"{len(other)} files; {len(mine ^ other)} paths differ from ours, e.g. {min(mine ^ other)}"
    )


def write_bare_site(hugo: Path, folder: Path, layouts: dict[str, str]) -> None:
    """The same content and configuration with one-line layouts."""
    for name, text in layouts.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text)
    shutil.copy(hugo / "hugo.toml", folder / "hugo.toml")


def hugo_conf(locales: list[dict], content: Path) -> str:
    return (
        'baseURL = "http://127.0.0.1:8001/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        'defaultContentLanguage = "da"\ndefaultContentLanguageInSubdir = true\n'
        "enableRobotsTXT = true\n[languages]\n"
        + "".join(
            f"[languages.{locale['code']}]\n"
            f"contentDir = {json.dumps(str(content / locale['code']))}\n"
            f"languageName = {json.dumps(locale['name'])}\n"
            f"languageDirection = {json.dumps(locale['direction'])}\nweight = {n}\n"
            for n, locale in enumerate(locales, 1)
        )
    )


if __name__ == "__main__":
    sys.exit(main())
