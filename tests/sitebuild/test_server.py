"""The build server (sitebuild/server.py), as a real process over real HTTP: it publishes
changes on POST /build, coalesces requests that arrive during a build, survives failing
builds with the site unchanged, checks its token, and leaves its state on disk for the CLI.

Against the real CMS API (Django's live server) where content changes, and against the
scripted API server (scripted_api.py) where the API must misbehave or be slow."""

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from sitebuild.cli import main
from sitebuild.server import MAX_BODY

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
    assert 0 < answer["rendered"] < sum(answer["pages"].values())  # incremental, from memory
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


def leaks_page_3_elsewhere(path, query, n):
    """The API, asked by verify's leak check, publishes page 3 at another URL than the one
    the build rendered it at (moved since): verify refuses to publish."""
    if not path.endswith("/pages/") or query.get("fields") != "title":
        return None  # the locales and the pull
    moved = page(3)
    moved["meta"]["site_path"] = "elsewhere/"
    items = [moved if p["id"] == 3 else p for p in (page(n) for n in range(1, 7))]
    if "ids" in query:  # the incremental check looks up what it re-rendered
        items = [p for p in items if str(p["id"]) in query["ids"].split(",")]
    body = {"meta": {"total_count": len(items)}, "items": items}
    return 200, "application/json", json.dumps(body).encode()


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

    api.misbehave = leaks_page_3_elsewhere  # verify refuses to publish
    api.pages[2]["title"] = "Page 3, re-rendered and looked up"
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


TOKEN = "s3cret-token"  # noqa: S105 - a test's token
HUGE = 400 * 1024 * 1024


def send(server: Server, head: str, body: bytes = b"", timeout: float = 10) -> tuple[int, str]:
    """One request over a raw socket, exactly as written (the line endings too); the
    status and the answer's body. Fails with a timeout if the server waits for a body
    that is never sent."""
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(head.encode("latin-1") + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2].decode()


def request(target: str, *headers: str) -> str:
    return "".join(f"{line}\r\n" for line in (f"{target} HTTP/1.1", "Host: x", *headers)) + "\r\n"


@pytest.fixture
def guarded(api, servers, tmp_path) -> Server:
    return servers(api.url, tmp_path / "site", token=TOKEN)


BAD_AUTHORIZATION = {
    "missing": ([], 403),
    "another token": ([f"Authorization: Bearer {TOKEN}x"], 403),
    "a shorter token": ([f"Authorization: Bearer {TOKEN[:-1]}"], 403),
    "lower-case scheme": ([f"Authorization: bearer {TOKEN}"], 400),
    "two spaces": ([f"Authorization: Bearer  {TOKEN}"], 400),
    "two words": ([f"Authorization: Bearer {TOKEN} x"], 400),
    "Basic": (["Authorization: Basic czNjcmV0LXRva2VuOg=="], 400),
    "scheme only": (["Authorization: Bearer"], 400),
    "token only": ([f"Authorization: {TOKEN}"], 400),
    "folded onto a second line": ([f"Authorization: Bearer\r\n {TOKEN}"], 400),
    "twice": ([f"Authorization: Bearer {TOKEN}"] * 2, 400),
}


@pytest.mark.parametrize("target", ["POST /build", "GET /status"])
@pytest.mark.parametrize("case", list(BAD_AUTHORIZATION))
def test_a_bad_token_is_refused_before_the_body_is_read(guarded, target, case):
    headers, expected = BAD_AUTHORIZATION[case]
    # A body of 400 MB is announced and never sent: the answer comes without it.
    status, body = send(guarded, request(target, f"Content-Length: {HUGE}", *headers))
    assert status == expected, body
    assert json.loads(body)["result"] == "refused"
    assert guarded.call("GET", "status", token=TOKEN)[1]["builds"] == 1  # nothing built


BAD_FRAMING = {
    "negative length": (["Content-Length: -1"], 400),
    "length in words": (["Content-Length: ten"], 400),
    "length in exponent form": (["Content-Length: 1e3"], 400),
    "length in other digits": (["Content-Length: \u00b2"], 400),
    "a list of lengths": (["Content-Length: 5, 5"], 400),
    "two lengths": (["Content-Length: 5", "Content-Length: 5"], 400),
    "chunked": (["Transfer-Encoding: chunked"], 400),
    "chunked and a length": (["Transfer-Encoding: chunked", "Content-Length: 5"], 400),
    "a line without a colon before the length": (["Broken line", f"Content-Length: {HUGE}"], 400),
    "a first line that continues nothing": ([" folded: x", f"Content-Length: {HUGE}"], 400),
    "just over the limit": ([f"Content-Length: {MAX_BODY + 1}"], 413),
    "400 MB": ([f"Content-Length: {HUGE}"], 413),
    "more digits than int() reads": ([f"Content-Length: {'9' * 5000}"], 413),
}


@pytest.mark.parametrize("case", list(BAD_FRAMING))
def test_malformed_or_oversized_requests_are_refused_before_the_body_is_read(guarded, case):
    headers, expected = BAD_FRAMING[case]
    status, body = send(guarded, request("POST /build", f"Authorization: Bearer {TOKEN}", *headers))
    assert status == expected, body
    assert json.loads(body)["result"] == "refused"
    assert guarded.call("GET", "status", token=TOKEN)[1]["builds"] == 1


def test_a_small_body_with_the_right_token_is_read_and_the_build_runs(guarded):
    payload = json.dumps({"trigger_title": "'Skole' published"}).encode()
    head = request(
        "POST /build", f"Authorization: Bearer {TOKEN}", f"Content-Length: {len(payload)}"
    )
    status, body = send(guarded, head, payload, timeout=60)
    assert status == 200 and json.loads(body)["build"] == 2
    # A client that sends its whole (too large) body before it reads gets the answer too.
    answer = requests.post(
        guarded.url + "build",
        data=b"x" * 200_000,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert answer.status_code == 413 and answer.json()["result"] == "refused"


def test_a_huge_unauthenticated_body_is_answered_without_being_read(guarded):
    before = guarded.call("GET", "status", token=TOKEN)[1]["peak_mb"]
    parts = urlsplit(guarded.url)
    chunk = b"x" * (1 << 20)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request("POST /build", f"Content-Length: {HUGE}").encode() + chunk)
        answer = sock.recv(65536)  # before the other 399 MB: the server does not wait
        assert answer.startswith(b"HTTP/1.0 403 "), answer
        sent = len(chunk)
        with contextlib.suppress(OSError):  # the server closes the connection
            while sent < HUGE:
                sock.sendall(chunk)
                sent += len(chunk)
    assert sent < HUGE // 4  # it stopped taking the body long before the end
    after = guarded.call("GET", "status", token=TOKEN)[1]
    assert after["peak_mb"] - before < 20 and after["builds"] == 1


def test_fifty_connections_at_once_are_all_answered(guarded):
    """While the server cannot accept (stopped, as when a build keeps its accepting thread
    from running), the kernel completes as many connections as the listen backlog holds and
    drops the others' handshakes: clients wait, time out, or were reset. The backlog must
    hold 50."""
    parts = urlsplit(guarded.url)
    clients = [socket.socket() for _ in range(50)]
    guarded.process.send_signal(signal.SIGSTOP)
    try:
        for client in clients:
            client.setblocking(False)
            client.connect_ex((parts.hostname, parts.port))
        connected: set[socket.socket] = set()
        deadline = time.monotonic() + 5  # a handshake that got through took microseconds
        while len(connected) < len(clients) and time.monotonic() < deadline:
            _, ready, _ = select.select([], [c for c in clients if c not in connected], [], 0.2)
            connected |= {c for c in ready if not c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)}
        assert len(connected) == 50
    finally:
        guarded.process.send_signal(signal.SIGCONT)
    head = request("GET /status", f"Authorization: Bearer {TOKEN}").encode()
    answers = []
    for client in clients:
        client.setblocking(True)
        client.settimeout(30)
        client.sendall(head)
    for client in clients:
        with client:
            answer = b""
            while chunk := client.recv(65536):
                answer += chunk
            answers.append(answer.split(b" ", 2)[1])
    assert answers == [b"200"] * 50

    def status(start: threading.Barrier) -> int:  # and real clients, all at once
        start.wait()
        return guarded.call("GET", "status", token=TOKEN)[0]

    with ThreadPoolExecutor(max_workers=50) as pool:
        assert list(pool.map(status, [threading.Barrier(50)] * 50)) == [200] * 50


def by_id(api: ScriptedAPI, pid: int) -> dict:
    return next(p for p in api.pages if p["id"] == pid)


def private_as_the_build_runs(api: ScriptedAPI, pid: int) -> None:
    """Page ``pid`` changes, and stops being public (no removal record) after the pull,
    before verify's leak check (it asks with ``fields=title``)."""
    by_id(api, pid)["title"] += ", made private"

    def misbehave(path, query, n):
        if query.get("fields") == "title":
            api.pages[:] = [p for p in api.pages if p["id"] != pid]

    api.misbehave = misbehave


@pytest.mark.parametrize("and_then", ["publishes", "cannot build"])
def test_a_page_no_longer_public_comes_off_the_served_site_and_stays_off(
    api, servers, tmp_path, and_then
):
    out = tmp_path / "site"
    server = servers(api.url, out)
    assert 'href="/da/p3/"' in (out / "da/index.html").read_text()
    before = snapshot(out)
    private_as_the_build_runs(api, 3)
    if and_then == "cannot build":
        by_id(api, 5)["title"] = " "  # verify refuses any new site
    code, answer = server.call("POST", "build")
    if and_then == "publishes":
        assert code == 200 and answer["result"] == "ok", answer
        assert any(w.endswith("taken off the site: /da/p3/ (page 3)") for w in answer["warnings"])
        assert "/da/p3/" not in (out / "da/index.html").read_text()  # rebuilt without it
    else:
        assert code == 500 and answer["result"] == "failed", answer
        assert answer["error"].startswith(
            "verify: the last good site is published without the 1 page(s) that are not "
            "public in the CMS (/da/p3/)"
        )
        after = snapshot(out)  # the last good site, without the page and its sitemap entry
        del before["da/p3/index.html"]
        assert after == before | {"sitemap.xml": after["sitemap.xml"]}
        assert "/da/p3/" not in after["sitemap.xml"].decode()
        by_id(api, 5)["title"] = "Page 5"
    assert not (out / "da/p3").exists()

    api.misbehave = lambda *_: None
    code, answer = server.call("POST", "build")
    assert code == 200 and answer["result"] == "ok", answer
    assert not (out / "da/p3").exists()
    full = tmp_path / "full"
    assert main(["build", "--api", api.url, "--out", str(full), "--no-search", "-q"]) == 0
    assert snapshot(out) == snapshot(full)
    assert server.stop() == 0
