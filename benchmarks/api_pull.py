"""Benchmark: pulling the whole site through the public API, ours against Wagtail's stock pages
endpoint, on the same data in the same run.

    ./scripts/bench-api [--pages 1000] [--samples 30]

Loads N synthetic information pages in each of the 8 languages (about 600 words each, with
wagtail-localize translation records; ``manage.py load_benchmark_data``) into a fresh SQLite
database, serves it with gunicorn
(2 workers, DEBUG off) and prints, for both endpoints: the time to pull everything at limit=100
(sequentially, as the build does), p50/p95 latency of a 100-item listing at the first and last
offset, and database queries per listing. Figures are for comparison within one run; absolute
times on a shared machine are noisy."""

import argparse
import atexit
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from cms.demo.benchmark_data import LOCALES

ROOT = Path(__file__).resolve().parent.parent


def queries_per_listing(path: str, params: dict) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    client.get(path, params)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path, params).status_code == 200
    return len(ctx.captured_queries)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pull(base: str, params: dict, limit: int = 100) -> tuple[float, int]:
    session, offset, total, start = requests.Session(), 0, None, time.perf_counter()
    while total is None or offset < total:
        body = session.get(
            base, params={**params, "limit": limit, "offset": offset}, timeout=60
        ).json()
        total = body["meta"]["total_count"]
        offset += len(body["items"])
    return time.perf_counter() - start, offset


def latencies(url: str, params: dict, samples: int) -> tuple[float, float]:
    session = requests.Session()
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        session.get(url, params={**params, "limit": 100}, timeout=60).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def prepare(pages: int, prefix: str) -> tuple[Path, dict[str, str]]:
    """A fresh benchmark database in a new folder, loaded with the synthetic pages. Returns the
    folder and the environment for processes that serve or build from it."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    # A run leaves about 1 GB (database, sites, baselines): gone at exit unless asked to keep.
    if not os.environ.get("UDSYN_BENCH_KEEP"):
        atexit.register(shutil.rmtree, work, ignore_errors=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "UDSYN_BENCH_DB": str(work / "bench.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_benchmark_data", pages=pages, verbosity=0)
    return work, env


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    """gunicorn (2 workers, DEBUG off) serving the benchmark database; yields its base URL."""
    port = free_port()
    argv = [
        "-m",
        "gunicorn",
        "benchmarks.wsgi:application",
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen([sys.executable, *argv], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/api/v2/locales/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per language")
    parser.add_argument("--samples", type=int, default=30, help="requests per latency figure")
    args = parser.parse_args()
    start = time.perf_counter()
    prepare(args.pages, "udsyn-bench-")
    total = args.pages * len(LOCALES)
    print(
        f"loaded {total} pages ({args.pages} x {len(LOCALES)} languages) "
        f"in {time.perf_counter() - start:.1f} s"
    )

    ours = ("/api/v2/pages/", {"order": "id"})
    stock = (
        "/stock/api/v2/pages/",
        {"type": "information.InformationPage", "fields": "*", "order": "id"},
    )
    with served(os.environ) as base:
        rows = []
        for name, (path, params) in (
            ("Udsyn /api/v2/pages/", ours),
            ("Wagtail stock, fields=*", stock),
        ):
            url = f"{base}{path}"
            seconds, pulled = pull(url, params)
            last = max(0, pulled - 100)
            p_first = latencies(url, {**params, "offset": 0}, args.samples)
            p_last = latencies(url, {**params, "offset": last}, args.samples)
            queries_small = queries_per_listing(path, {**params, "limit": 10, "offset": last})
            queries = queries_per_listing(path, {**params, "limit": 100, "offset": last})
            rows.append((name, seconds, pulled, p_first, p_last, queries_small, queries))
            if name.startswith("Udsyn"):
                # The build pulls at the API's maximum page size.
                build_seconds, _ = pull(url, params, limit=200)
    print(
        f"\n{'endpoint':26} {'full pull':>10} {'pages':>6} {'p50/p95 @0':>14} "
        f"{'p50/p95 @last':>14} {'queries@10':>10} {'queries@100':>11}"
    )
    for name, seconds, pulled, first, last, q10, q100 in rows:
        print(
            f"{name:26} {seconds:>9.2f}s {pulled:>6} {first[0]:>6.0f}/{first[1]:<4.0f}ms "
            f"{last[0]:>6.0f}/{last[1]:<4.0f}ms {q10:>10} {q100:>11}"
        )
    ratio = rows[1][1] / rows[0][1]
    print(f"\nfull pull at limit=100: Udsyn {ratio:.1f}x faster than the stock endpoint")
    print(
        f"full pull as the build does it (limit=200): {build_seconds:.2f}s, "
        f"{rows[1][1] / build_seconds:.1f}x faster than the stock endpoint at limit=100"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
