"""The build server (sitebuild/server.py), as a real process over real HTTP: it publishes
changes on POST /build, coalesces requests that arrive during a build, survives failing
builds with the site unchanged, checks its token, and leaves its state on disk for the CLI.

Against the real CMS API (Django's live server) where content changes, and against the
scripted API server (scripted_api.py) where the API must misbehave or be slow."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from sitebuild.cli import main

from ..cms.factories import danish_tree
from .scripted_api import ScriptedAPI, page
from .test_cli import snapshot

ROOT = Path(__file__).resolve().parents[2]


class Server:
    """``python -m sitebuild serve`` in its own process, on a port the kernel picks."""

    def __init__(self, api: str, out: Path, token: str | None = None) -> None:
        env = {**os.environ, "UDSYN_DEBUG": ""}
        env.pop("UDSYN_BUILD_TOKEN", None)
        if token is not None:
            env["UDSYN_BUILD_TOKEN"] = token
        command = [sys.executable, "-m", "sitebuild", "serve", "--api", api, "--out", str(out)]
        self.process = subprocess.Popen(
            [*command, "--port", "0", "--no-search", "--retries", "0", "--timeout", "5"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        ready = threading.Event()

        def read() -> None:  # drained all along, so the server never blocks on its stderr
            for line in self.process.stderr:
                self.log.append(line)
                if "listening on" in line:
                    self.url = line.split("listening on ")[1].split()[0]
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(60):
            self.process.kill()
            raise AssertionError("the server did not start:\n" + "".join(self.log))

    def call(self, method: str, path: str, token: str | None = None) -> tuple[int, dict]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        answer = requests.request(method, self.url + path, headers=headers, timeout=60)
        return answer.status_code, answer.json()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(30)


@pytest.fixture
def servers():
    started: list[Server] = []

    def start(*args, **kwargs) -> Server:
        started.append(Server(*args, **kwargs))
        return started[-1]

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


@pytest.fixture
def cms(tx_db, live_server):
    return {**danish_tree(), "api": f"{live_server.url}/api/v2/"}


def retitle(page_, title: str) -> None:
    page_.title = title
    page_.save_revision().publish()


SCHOOL = Path("da/arbejde-og-bo/skole/index.html")


def test_a_post_publishes_a_change_with_the_bytes_of_a_full_build(cms, servers, tmp_path):
    out = tmp_path / "site"
    server = servers(cms["api"], out)
    assert "Indskriv dit barn i skole" in (out / SCHOOL).read_text()  # the first build
    code, first = server.call("GET", "status")
    assert code == 200 and first["last"]["result"] == "ok" and first["builds"] == 1

    retitle(cms["info"], "Skolestart")
    posted = time.time()
    code, answer = server.call("POST", "build")
    assert code == 200, answer
    assert answer["result"] == "ok" and answer["build"] == 2
    assert posted < answer["live_at"] < time.time()
    assert 0 < answer["rendered"] < answer["pages"]  # incremental, from memory
    assert "Skolestart" in (out / SCHOOL).read_text()
    assert server.call("GET", "status")[1]["last"] == answer

    full = tmp_path / "full"
    assert (
        main(["build", "--api", cms["api"], "--out", str(full), "--full", "--no-search", "-q"]) == 0
    )
    assert snapshot(out) == snapshot(full)

    # Unchanged content: nothing rendered, the same bytes.
    before = snapshot(out)
    code, again = server.call("POST", "build")
    assert code == 200 and again["rendered"] == 0
    assert snapshot(out) == before

    assert server.stop() == 0
    assert "[serve] stopped" in "".join(server.log)


def test_state_is_saved_so_the_cli_carries_on_incrementally(cms, servers, tmp_path, capsys):
    out = tmp_path / "site"
    server = servers(cms["api"], out)
    retitle(cms["info"], "Skolestart")
    assert server.call("POST", "build")[1]["result"] == "ok"
    assert server.stop() == 0

    retitle(cms["info"], "Skole i dag")
    assert main(["build", "--api", cms["api"], "--out", str(out), "--no-search"]) == 0
    log = capsys.readouterr().err
    rendered, total = (int(n) for n in log.split("[render] ")[2].split(" pages")[0].split(" of "))
    assert 0 < rendered < total
    assert "0 changed" not in log and "1 changed, 0 removed" in log  # a changed-since pull
    assert "unchanged files carried over" in log  # the manifest was the server's
    assert "Skole i dag" in (out / SCHOOL).read_text()

    # And a restarted server carries on from the CLI's state.
    retitle(cms["info"], "Skole for alle")
    server = servers(cms["api"], out)
    assert "Skole for alle" in (out / SCHOOL).read_text()
    assert "[render] 0 of" not in "".join(server.log)
    assert server.stop() == 0


@pytest.fixture
def api():
    api = ScriptedAPI([page(n) for n in range(1, 7)])
    yield api
    api.close()


def test_posts_during_a_build_coalesce_into_one_more_build(api, servers, tmp_path):
    server = servers(api.url, tmp_path / "site")
    api.delay = 0.2  # each request: a build now takes a second or so
    answers: list[tuple[int, dict]] = []

    def post() -> None:
        answers.append(server.call("POST", "build"))

    first = threading.Thread(target=post)
    first.start()
    deadline = time.time() + 10
    while not server.call("GET", "status")[1]["running"]:
        assert time.time() < deadline, "the first build did not start"
        time.sleep(0.02)
    during = [threading.Thread(target=post) for _ in range(4)]
    for thread in during:
        thread.start()
    for thread in [first, *during]:
        thread.join(60)

    assert [code for code, _ in answers] == [200] * 5
    builds = sorted(answer["build"] for _, answer in answers)
    assert builds == [2, 3, 3, 3, 3]  # the first request's build, then one for the other four
    status = server.call("GET", "status")[1]
    assert status["builds"] == 3 and not status["running"] and not status["queued"]
    assert server.stop() == 0


def leaks_listing_without_page_3(path, query, n):
    """The API, asked by verify's leak check, no longer lists page 3 (unpublished since)."""
    if not path.endswith("/pages/"):
        return None  # the locales
    if query.get("fields") == "title" and "changed_since" not in query:
        body = {"meta": {"total_count": 5}, "items": [page(n) for n in (1, 2, 4, 5, 6)]}
        return 200, "application/json", json.dumps(body).encode()
    if "changed_since" in query:  # the removal feed the incremental leak check reads
        body = {"meta": {"total_count": 0, "removed": [{"id": 3}]}, "items": []}
        return 200, "application/json", json.dumps(body).encode()
    return None


def test_a_failing_build_keeps_the_site_and_the_server(api, servers, tmp_path):
    out = tmp_path / "site"
    server = servers(api.url, out)
    before = snapshot(out)
    api.pages[0]["title"] = "Changed, but the API is about to fail"

    api.misbehave = lambda path, query, n: (503, "text/plain", b"down")
    code, answer = server.call("POST", "build")
    assert code == 500 and answer["result"] == "failed"
    assert answer["error"].startswith("fetch: ") and "503" in answer["error"]
    assert "\n" not in answer["error"] and answer["live_at"] is None
    assert snapshot(out) == before

    api.misbehave = leaks_listing_without_page_3  # verify refuses to publish
    code, answer = server.call("POST", "build")
    assert code == 500 and answer["error"].startswith("verify: "), answer
    assert snapshot(out) == before

    api.misbehave = lambda *_: None  # the API is back: the next POST publishes
    code, answer = server.call("POST", "build")
    assert code == 200 and answer["result"] == "ok", answer
    assert "Changed, but the API" in (out / "da/index.html").read_text()
    full = tmp_path / "full"
    assert main(["build", "--api", api.url, "--out", str(full), "--no-search", "-q"]) == 0
    assert snapshot(out) == snapshot(full)  # the failures left no trace in memory
    assert server.call("GET", "status")[1]["builds"] == 4
    assert server.stop() == 0


def test_a_wrong_or_missing_token_is_refused(api, servers, tmp_path):
    server = servers(api.url, tmp_path / "site", token="s3cret-token")
    for token in (None, "wrong"):
        code, answer = server.call("POST", "build", token=token)
        assert code == 403 and answer["result"] == "refused"
        assert server.call("GET", "status", token=token)[0] == 403
    code, answer = server.call("GET", "status", token="s3cret-token")
    assert code == 200 and answer["builds"] == 1  # nothing was built for the refused ones
    code, answer = server.call("POST", "build", token="s3cret-token")
    assert code == 200 and answer["result"] == "ok"
    assert server.stop() == 0


def test_a_post_that_does_not_wait_is_answered_at_once(api, servers, tmp_path):
    server = servers(api.url, tmp_path / "site")
    code, answer = server.call("POST", "build?wait=0")
    assert code == 202 and answer["status"].endswith("/status")
    deadline = time.time() + 30
    while (status := server.call("GET", "status")[1])["builds"] < 2:
        assert time.time() < deadline
        time.sleep(0.05)
    assert status["last"]["result"] == "ok"
    assert server.stop() == 0


def test_a_server_killed_during_a_build_leaves_the_site_and_a_new_one_carries_on(
    api, servers, tmp_path
):
    out = tmp_path / "site"
    server = servers(api.url, out)
    before = snapshot(out)
    api.pages[0]["title"] = "Changed while the server dies"
    api.delay = 0.3  # a build long enough to be killed during
    assert server.call("POST", "build?wait=0")[0] == 202
    deadline = time.time() + 10
    while not server.call("GET", "status")[1]["running"]:
        assert time.time() < deadline
        time.sleep(0.02)
    time.sleep(0.4)
    server.process.kill()  # SIGKILL: no clean-up of any kind
    server.process.wait()
    assert snapshot(out) == before

    api.delay = 0
    again = servers(api.url, out)  # its first build publishes the change
    assert "Changed while the server dies" in (out / "da/index.html").read_text()
    assert again.call("GET", "status")[1]["last"]["result"] == "ok"
    assert again.stop() == 0
