"""One build at a time into an output folder (sitebuild/lock.py), between real processes: a
second build, render or server into the same folder exits 1 with "a build into DIR is already
running" and touches nothing of the first one's, or with --wait queues behind it."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sitebuild.cli import main
from sitebuild.lock import lock_path, output_lock
from sitebuild.state import save_raw

from .helpers import tiny_site
from .scripted_api import ScriptedAPI, page
from .test_cli import snapshot

ROOT = Path(__file__).resolve().parents[2]


class Paused:
    """The scripted API holds the first leak-check request of a build (verify asks with
    ``fields=title``) until released: the build is then between render and publish, with a
    complete staging folder beside the site."""

    def __init__(self, api: ScriptedAPI) -> None:
        self.reached, self.release = threading.Event(), threading.Event()
        self.armed = True

        def hold(path, query, n):
            if self.armed and query.get("fields") == "title":
                self.armed = False
                self.reached.set()
                self.release.wait(60)

        api.misbehave = hold


def cli(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "UDSYN_DEBUG": ""}
    env.pop("UDSYN_BUILD_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-m", "sitebuild", *args],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def staging_folders(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.staging-*"))


@pytest.fixture
def api():
    api = ScriptedAPI([page(n) for n in range(1, 7)])
    yield api
    api.close()


@pytest.fixture
def published(api, tmp_path) -> Path:
    out = tmp_path / "site"
    assert main(["--api", api.url, "--out", str(out), "--no-search", "-q"]) == 0
    return out


def second(command: str, api: ScriptedAPI, out: Path, tmp_path: Path) -> list[str]:
    """The arguments of a second command into ``out``."""
    if command == "render":
        save_raw(tiny_site(), tmp_path / "raw.json")
        return ["render", "--data", str(tmp_path / "raw.json"), "--out", str(out)]
    args = [command, "--api", api.url, "--out", str(out), "--no-search"]
    return [*args, "--port", "0"] if command == "serve" else args


@pytest.mark.parametrize("command", ["build", "render", "serve"])
def test_a_second_command_into_the_folder_of_a_running_build_is_refused(
    api, published, tmp_path, command
):
    api.pages[0]["title"] = "Changed by the first build"
    paused = Paused(api)
    first = cli("--api", api.url, "--out", str(published), "--no-search", "-q")
    try:
        assert paused.reached.wait(60), "the first build did not reach verify"
        staged = staging_folders(published)
        assert len(staged) == 1  # the first build's, complete, waiting to be published
        before = snapshot(published.parent / staged[0])
        site = snapshot(published)

        other = cli(*second(command, api, published, tmp_path))
        try:
            _, err = other.communicate(timeout=60)
        finally:
            other.kill()  # a server that was not refused would run on
        assert other.returncode == 1
        lines = err.strip().splitlines()
        assert lines[-1] == (
            f"error: build: a build into {published} is already running (process "
            f"{first.pid}); try again when it has finished, or pass --wait"
        ), err
        assert staging_folders(published) == staged
        assert snapshot(published.parent / staged[0]) == before
        assert snapshot(published) == site
    finally:
        paused.release.set()
    assert first.wait(60) == 0, first.stderr.read()
    assert "Changed by the first build" in (published / "da/index.html").read_text()
    assert not staging_folders(published)
    assert not lock_path(published).exists()  # the last one out leaves nothing behind


def test_with_wait_a_second_build_queues_and_then_publishes(api, published):
    api.pages[0]["title"] = "Changed by the first build"
    paused = Paused(api)
    first = cli("--api", api.url, "--out", str(published), "--no-search", "-q")
    assert paused.reached.wait(60)
    queued = cli("--api", api.url, "--out", str(published), "--no-search", "--wait")
    waiting = queued.stderr.readline()
    assert waiting.startswith(f"[lock] waiting for the build into {published} (process ")
    api.pages[0]["title"] = "Changed by the second build"  # the second one pulls after the first
    paused.release.set()
    assert first.wait(60) == 0
    _, err = queued.communicate(timeout=60)
    assert queued.returncode == 0, err
    assert "Changed by the second build" in (published / "da/index.html").read_text()
    assert not staging_folders(published) and not lock_path(published).exists()


def test_a_build_killed_while_holding_the_folder_does_not_block_the_next(api, published):
    paused = Paused(api)
    first = cli("--api", api.url, "--out", str(published), "--no-search", "-q")
    assert paused.reached.wait(60)
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    paused.release.set()
    assert lock_path(published).exists()  # left behind, but no longer locked
    api.pages[0]["title"] = "After the kill"
    assert main(["--api", api.url, "--out", str(published), "--no-search", "-q"]) == 0
    assert "After the kill" in (published / "da/index.html").read_text()
    assert not staging_folders(published)


def test_the_lock_waits_for_a_holder_in_the_same_process_and_is_taken_afresh(tmp_path):
    out = tmp_path / "site"
    order: list[str] = []
    with output_lock(out):
        said: list[str] = []
        waiter = threading.Thread(
            target=lambda: _hold(out, order, said), name="waiter", daemon=True
        )
        waiter.start()
        while not said:  # it reports that it waits before it blocks
            threading.Event().wait(0.01)
        order.append("first")
    waiter.join(30)
    assert order == ["first", "second"]
    assert said[0].startswith(f"[lock] waiting for the build into {out.resolve()} (process ")
    assert not lock_path(out).exists()


def _hold(out: Path, order: list[str], said: list[str]) -> None:
    with output_lock(out, wait=True, waiting=said.append):
        order.append("second")
