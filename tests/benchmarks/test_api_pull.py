"""The API benchmark still runs (on a tiny data set): a benchmark that has rotted measures
nothing. No timing is asserted here; figures belong in docs/performance.md."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_api_benchmark_runs_and_reports_both_endpoints():
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.api_pull", "--pages", "3", "--samples", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "loaded 24 pages (3 x 8 languages)" in out
    assert "Udsyn /api/v2/pages/" in out and "Wagtail stock, fields=*" in out
    udsyn = next(line for line in out.splitlines() if line.startswith("Udsyn"))
    assert udsyn.split()[3] == "40"  # 24 synthetic pages + 16 homes and sections, all pulled


def test_build_benchmark_runs_our_build_and_the_baselines():
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.build", "--pages", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Udsyn full build" in result.stdout
    assert "Udsyn one-page change (9 pages rendered), no search index" in result.stdout
    assert "Udsyn one-page change (9 pages rendered), with search index" in result.stdout
    assert "baseline: Pelican from reST files" in result.stdout
    # Hugo builds the same pages as ours (same paths), once with our page frame as its layout
    # and once with a one-line layout, and the ratios are against both.
    for name in ("same page frame", "title and content only"):
        hugo = next(line for line in result.stdout.splitlines() if f"Hugo, {name}" in line)
        assert hugo.endswith("files, the same pages as ours"), hugo
        assert f"ratio to Hugo's build ({name}): render stage" in result.stdout
