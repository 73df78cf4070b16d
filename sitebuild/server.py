"""A long-running build: the CLI's build, with no start-up and no state read back from disk.

    ./scripts/build serve --api http://localhost:8000/api/v2/ --out build/site [--port 8010]

A one-page change through the CLI spent about half its time before the first stage: Python's
start-up, imports (Pelican, requests) and reading the last build's state (the 55 MB fetch
cache, the manifest, the transform cache). The server pays that once. It runs one build when
it starts (full or incremental, as the saved state allows; ``--full`` forces a full one),
then keeps that state in memory (state.BuildState) and listens on 127.0.0.1:

- ``POST /build`` runs an incremental build and answers when it is over (so a caller, such as
  the CMS's build hook or the benchmark, gets the outcome): the build's outcome as JSON
  (report.BuildOutcome: ``result`` "ok" or "failed", ``seconds``, ``stages``, ``live_at``,
  the epoch time the new site went live, ``rendered``, ``pages`` per language, ``warnings``
  and, on failure, the one-line ``error``), with ``build`` (its number) and ``peak_mb``; HTTP
  200, or 500 if the build failed. ``POST /build?wait=0`` answers 202 at once instead;
  ``GET /status`` then shows the outcome.
- ``GET /status``: the last build's outcome, whether one is running or queued, the server's
  peak memory.

Builds run one at a time, in the main thread. Requests that arrive during a build are
coalesced: when it ends, exactly one more build runs for all of them, and each of them is
answered with that build's outcome (a build that started after the request arrived, so it saw
the change that prompted it).

If ``UDSYN_BUILD_TOKEN`` is set, every request must carry exactly ``Authorization: Bearer
<token>`` (403 without it or with another token, 400 for another form). Requests are refused
before any of their body is read: header lines the standard library could not parse, a
Content-Length that is not a number or appears twice, and Transfer-Encoding get 400, a body
over ``MAX_BODY`` bytes 413 (no endpoint takes a body; the CMS sends a short JSON object).

The server holds its output folder (lock.py) for as long as it runs: a CLI build into the same
folder is refused meanwhile. Each build saves its state to the cache folder after the site is
live, as the CLI does, so a restarted server or a plain CLI run carries on incrementally. A
failed build leaves the published site as it was (publish.py) and the in-memory state too; a
failure after the site went live, or one that is not a BuildError, drops the in-memory state so
that the next build reads the saved files instead. SIGTERM or Ctrl-C stops the server; a build
that is running is abandoned like an interrupted CLI build (the site stays unchanged)."""

import argparse
import contextlib
import gc
import hashlib
import hmac
import json
import os
import re
import resource
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import lock, options, pipeline
from .lock import BuildRunningError
from .options import BuildOptions
from .report import Reporter
from .state import BuildState

TOKEN_ENV = "UDSYN_BUILD_TOKEN"  # noqa: S105 - the variable's name, not a secret


def peak_mb() -> float:
    """This process's peak resident memory (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@dataclass
class Builds:
    """The queue: ``requested`` counts requests, ``done`` the last request a finished build
    covered. A build covers every request made before it started."""

    requested: int = 0
    done: int = 0
    running: bool = False
    stopping: bool = False
    count: int = 0  # builds run
    last: dict[str, Any] = field(default_factory=dict)
    lock: threading.Condition = field(default_factory=threading.Condition)

    def request(self) -> int:
        with self.lock:
            self.requested += 1
            self.lock.notify_all()
            return self.requested

    def wait_for(self, ticket: int) -> dict[str, Any] | None:
        """The outcome of the build that covered ``ticket``; None if the server stopped."""
        with self.lock:
            self.lock.wait_for(lambda: self.done >= ticket or self.stopping)
            return dict(self.last) if self.done >= ticket else None

    def status(self) -> dict[str, Any]:
        with self.lock:
            return {
                "running": self.running,
                "queued": self.requested > self.done + (1 if self.running else 0),
                "builds": self.count,
                "last": dict(self.last),
                "peak_mb": peak_mb(),
            }


MAX_BODY = 64 * 1024  # bytes of request body accepted (and thrown away)
LINGER_BYTES = 1024 * 1024  # of a refused body, read and dropped so the client gets the answer
LINGER_SECONDS = 2.0
DIGITS = re.compile(r"[0-9]+")
BEARER = re.compile(r"Bearer ([!-~]+)")  # one space, then printable ASCII without spaces


def framing_problem(headers: Message) -> tuple[int, str] | None:
    """Why the body of a request with these headers cannot be delimited safely, or None.
    The standard library drops every header after a line it cannot parse (and records a
    defect): a Content-Length or Authorization after it would go unseen."""
    if headers.defects:
        return 400, "malformed header lines"
    if headers.get_all("Transfer-Encoding"):
        return 400, "Transfer-Encoding is not accepted: send Content-Length"
    lengths = headers.get_all("Content-Length") or []
    if len(lengths) > 1:
        return 400, "more than one Content-Length"
    if lengths and not DIGITS.fullmatch(lengths[0].strip(" \t")):
        return 400, "Content-Length must be a number of bytes"
    return None


def token_problem(headers: Message, token: str) -> tuple[int, str] | None:
    """Why the request does not carry ``Authorization: Bearer <token>``, or None. Compared
    in constant time, as digests of equal length."""
    if not token:
        return None
    given = headers.get_all("Authorization") or []
    if len(given) > 1:
        return 400, "more than one Authorization header"
    if not given:
        return 403, "wrong or missing build token"
    match = BEARER.fullmatch(given[0].strip(" \t"))
    if match is None:
        return 400, "malformed Authorization header: expected exactly 'Bearer <token>'"
    if not hmac.compare_digest(_digest(match[1]), _digest(token)):
        return 403, "wrong or missing build token"
    return None


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).digest()


def body_length(headers: Message) -> int:
    """The declared body length of a request ``framing_problem`` passed."""
    return int((headers.get("Content-Length") or "0").strip(" \t"))


def size_problem(headers: Message) -> tuple[int, str] | None:
    declared = (headers.get("Content-Length") or "0").strip(" \t")
    if len(declared) > 12 or int(declared) > MAX_BODY:  # too many digits for int(): too big
        return 413, f"request body over {MAX_BODY} bytes"
    return None


class _HTTPServer(ThreadingHTTPServer):
    # The listen backlog (socketserver's default is 5): of more connections arriving while a
    # build keeps the accepting thread waiting, the kernel dropped all but six handshakes
    # (their clients waited, or were reset).
    request_queue_size = 128
    daemon_threads = True  # a waiting client never holds up a stop


class BuildServer:
    def __init__(
        self, build_options: BuildOptions, port: int = 0, token: str = "", quiet: bool = False
    ) -> None:
        self.options = build_options
        self.token = token
        self.quiet = quiet
        self.state = BuildState()
        self.builds = Builds()
        self.http = _HTTPServer(("127.0.0.1", port), _handler(self))
        self.url = f"http://127.0.0.1:{self.http.server_port}/"

    # -- builds, in the main thread ----------------------------------------------------------

    def build_once(self) -> dict[str, Any]:
        outcome = pipeline.build(self.options, self.state, Reporter(quiet=self.quiet))
        if outcome.ok:
            self.options = self.options.once()  # --full: until one build has succeeded
        else:
            Reporter(quiet=self.quiet).say(f"error: {outcome.error}")
        return {**outcome.as_dict(), "peak_mb": peak_mb()}

    def run(self, ready=lambda url: None) -> None:
        """The first build, then builds on request until SIGTERM or Ctrl-C."""
        builds = self.builds
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        builds.request()  # the first build: answers /status as running meanwhile
        announced = False
        try:
            while True:
                with builds.lock:
                    if announced:
                        builds.lock.wait_for(lambda: builds.requested > builds.done)
                    covers, builds.running = builds.requested, True
                # The kept state is millions of objects (the API's pages, the manifest):
                # a full garbage collection during a build walks them all, a fifth of a
                # one-page build's time. So collection waits: incremental builds run with it
                # off, and afterwards (the caller has its answer) one collection runs and
                # what survives is frozen, out of later collections' way.
                if self.state.loaded:
                    gc.disable()
                try:
                    outcome = self.build_once()
                finally:
                    gc.enable()
                    with builds.lock:
                        builds.running = False
                outcome["build"] = builds.count + 1
                with builds.lock:
                    builds.done, builds.last = covers, outcome
                    builds.count += 1
                    builds.lock.notify_all()
                gc.unfreeze()  # what was kept last time may be garbage now
                gc.collect()
                gc.freeze()
                if not announced:
                    announced = True
                    ready(self.url)
        except KeyboardInterrupt:
            pass
        finally:
            with builds.lock:
                builds.stopping = True
                builds.lock.notify_all()
            self.http.shutdown()
            self.http.server_close()


def _handler(server: BuildServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 30  # seconds a client may take to send its request: none holds a thread

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _admitted(self) -> bool:
            """Refuse, before reading any of the body, a request this server does not take
            (see the module's docstring); read the small body of one it takes."""
            headers = self.headers
            problem = (
                framing_problem(headers)
                or token_problem(headers, server.token)
                or size_problem(headers)
            )
            if problem is None:
                self.rfile.read(body_length(headers))  # no endpoint uses it (trigger_title)
                return True
            self._answer(problem[0], {"result": "refused", "error": problem[1]})
            self._linger()
            return False

        def _linger(self) -> None:
            """Close a connection whose body was not read without resetting it: a reset
            can destroy the answer before the client reads it. Reads (and drops) a bounded
            amount of what the client is still sending, as web servers do."""
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_WR)
                deadline = time.monotonic() + LINGER_SECONDS
                left = LINGER_BYTES
                while left > 0 and (wait := deadline - time.monotonic()) > 0:
                    self.connection.settimeout(wait)
                    chunk = self.connection.recv(min(left, 65536))
                    if not chunk:
                        break
                    left -= len(chunk)
            self.close_connection = True

        def do_POST(self) -> None:
            if not self._admitted():
                return None
            parts = urlsplit(self.path)
            if parts.path.rstrip("/") != "/build":
                return self._answer(404, {"error": "POST /build"})
            ticket = server.builds.request()
            if parse_qs(parts.query).get("wait") == ["0"]:
                return self._answer(202, {"result": "queued", "status": server.url + "status"})
            outcome = server.builds.wait_for(ticket)
            if outcome is None:
                return self._answer(503, {"result": "stopped", "error": "the server stopped"})
            return self._answer(200 if outcome["result"] == "ok" else 500, outcome)

        def do_GET(self) -> None:
            if not self._admitted():
                return None
            if urlsplit(self.path).path.rstrip("/") != "/status":
                return self._answer(404, {"error": "GET /status"})
            return self._answer(200, server.builds.status())

        def log_message(self, format: str, *args) -> None:
            if not server.quiet:
                sys.stderr.write(f"[serve] {format % args}\n")

    return Handler


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build serve",
        description="build, then stay running and build again on each POST /build",
    )
    top.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    options.add_api_arguments(top)
    options.add_output_arguments(top)
    top.add_argument(
        "--port", type=int, default=8010, help="port on 127.0.0.1 to listen on (0: any free one)"
    )
    return top


def main(argv: list[str] | None = None) -> int:
    """``build serve``: until SIGTERM or Ctrl-C, holding the output folder all along."""
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    reporter = Reporter(quiet=args.quiet)

    def stop(signum, frame):
        raise KeyboardInterrupt  # the build in progress is abandoned as after Ctrl-C

    signal.signal(signal.SIGTERM, stop)
    try:
        with lock.output_lock(args.out, wait=args.wait, waiting=reporter.say):
            server = BuildServer(
                options.from_arguments(args),
                port=args.port,
                token=os.environ.get(TOKEN_ENV, ""),
                quiet=args.quiet,
            )

            def ready(url: str) -> None:
                # Always printed, even with --quiet: scripts and tests wait for this line.
                print(f"[serve] listening on {url} (POST {url}build)", file=sys.stderr, flush=True)

            server.run(ready)
    except BuildRunningError as exc:
        print(f"error: {exc.stage}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    reporter.say("[serve] stopped")
    return 0
