"""Publishing triggers a build, without ever making the editor wait or fail.

A burst of publishes (an approver publishing a section, a translator a batch) becomes one build:
each request restarts a short timer, and only when it runs out does the build start. Then:
- in production, ``UDSYN_BUILD_HOOK_URL`` is POSTed (Netlify's build hook);
- in development, ``UDSYN_LOCAL_BUILD`` runs the build CLI against this CMS's API.
Either way the outcome is recorded as a BuildRun for the admin's home page, and errors are
logged, never raised into the request that published."""

import json
import logging
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db import connections
from django.utils import timezone

from .models import BuildRun

log = logging.getLogger("udsyn.builds")


@dataclass
class Pending:
    reasons: list[str]
    timer: threading.Timer


_lock = threading.Lock()
_pending: Pending | None = None
_paused = threading.local()


@contextmanager
def paused():
    """No builds for what happens inside (bulk loads such as the demo content)."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def request_build(reason: str) -> None:
    global _pending
    if getattr(_paused, "on", False):
        return
    if not (
        getattr(settings, "UDSYN_BUILD_HOOK_URL", "")
        or getattr(settings, "UDSYN_LOCAL_BUILD", None)
    ):
        return
    delay = float(getattr(settings, "UDSYN_BUILD_DEBOUNCE_SECONDS", 5.0))
    with _lock:
        reasons = [*_pending.reasons, reason] if _pending else [reason]
        if _pending:
            _pending.timer.cancel()
        timer = threading.Timer(delay, _fire)
        timer.daemon = True
        _pending = Pending(reasons, timer)
        timer.start()


def flush(timeout: float = 30.0) -> None:
    """Wait for a pending build to start and finish (tests, and a clean shutdown)."""
    with _lock:
        pending = _pending
    if pending:
        pending.timer.join(timeout)
    for thread in list(_running):
        thread.join(timeout)


_running: set[threading.Thread] = set()


def _fire() -> None:
    global _pending
    with _lock:
        pending, _pending = _pending, None
    if not pending:
        return
    _running.add(threading.current_thread())
    try:
        reason = "; ".join(pending.reasons[:3]) + (
            f" and {len(pending.reasons) - 3} more" if len(pending.reasons) > 3 else ""
        )
        if getattr(settings, "UDSYN_BUILD_HOOK_URL", ""):
            call_hook(reason)
        else:
            run_local(reason)
    except Exception:  # never let a build problem escape into the CMS
        log.exception("build request failed")
    finally:
        connections.close_all()  # this thread's connections: it ends here
        _running.discard(threading.current_thread())


def call_hook(reason: str) -> BuildRun:
    """POST the build hook. Netlify's accepts the build (REQUESTED); our own build server
    (``./scripts/build serve``, with UDSYN_BUILD_HOOK_URL=http://127.0.0.1:PORT/build) builds
    before it answers, and says how it went, which is recorded as the outcome."""
    run = BuildRun.objects.create(
        reason=reason[:300], backend="hook", status=BuildRun.Status.RUNNING
    )
    url = settings.UDSYN_BUILD_HOOK_URL
    # The build server's shared token: the same variable on both sides by default.
    token = getattr(settings, "UDSYN_BUILD_HOOK_TOKEN", "") or os.environ.get(
        "UDSYN_BUILD_TOKEN", ""
    )
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    # This runs in a background thread, never in an editor's request: waiting for a build
    # server to finish its build delays nobody.
    timeout = float(getattr(settings, "UDSYN_BUILD_HOOK_TIMEOUT", 120))
    try:
        response = requests.post(
            url, json={"trigger_title": reason[:200]}, headers=headers, timeout=timeout
        )
        ok = 200 <= response.status_code < 300
        run.message = f"build hook answered HTTP {response.status_code}"
        outcome = _build_server_outcome(response)
    except requests.RequestException as exc:
        ok, run.message = False, f"build hook unreachable: {type(exc).__name__}"
        outcome = None
    run.status = BuildRun.Status.REQUESTED if ok else BuildRun.Status.FAILED
    if outcome is not None:
        ok = outcome.get("result") == "ok"
        run.status = BuildRun.Status.SUCCEEDED if ok else BuildRun.Status.FAILED
        run.message = _message(outcome, where=" on the build server")
        run.warnings = "\n".join(str(w) for w in outcome.get("warnings") or [])
    run.finished_at = timezone.now()
    run.save()
    if not ok:
        problem = "site build failed" if outcome is not None else "site build not triggered"
        log.error("%s: %s", problem, run.message)
    return run


def _message(outcome: dict, where: str = "") -> str:
    """One line for the admin's list of builds, from a build's outcome (sitebuild's
    report.BuildOutcome as JSON)."""
    if outcome.get("result") != "ok":
        return f"error: {outcome.get('error', '')}"[:1000]
    pages = outcome.get("pages")
    total = sum(pages.values()) if isinstance(pages, dict) else pages
    return f"pages: {total} ({outcome.get('rendered')} rendered), {outcome.get('seconds')} s{where}"


def _cli_outcome(printed: str) -> dict | None:
    """The outcome the build CLI printed with --json, if it got that far."""
    try:
        outcome = json.loads(printed.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return None
    return outcome if isinstance(outcome, dict) and "result" in outcome else None


def _build_server_outcome(response: requests.Response) -> dict | None:
    """The build's outcome if the hook is our build server (JSON with a ``result``), else
    None (Netlify answers an empty body)."""
    if not response.headers.get("Content-Type", "").startswith("application/json"):
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, dict) and body.get("result") in ("ok", "failed"):
        return body
    return None


def run_local(reason: str) -> BuildRun:
    """Run ``./scripts/build`` (the same CLI) against this CMS's public API."""
    config = settings.UDSYN_LOCAL_BUILD
    run = BuildRun.objects.create(
        reason=reason[:300], backend="local", status=BuildRun.Status.RUNNING
    )
    command = [
        sys.executable,
        "-m",
        "sitebuild",
        "build",
        "--api",
        config["api"],
        "--out",
        str(config["out"]),
        "--wait",  # behind a build into the same folder that is still running: queue
        "--json",  # the outcome on stdout (sitebuild/report.py)
        "--quiet",
    ]
    try:
        result = subprocess.run(  # noqa: S603 - fixed argv from settings, no shell
            command,
            capture_output=True,
            text=True,
            timeout=config.get("timeout", 600),
            cwd=settings.BASE_DIR,
        )
        outcome = _cli_outcome(result.stdout)
        if outcome is None:  # it failed before building (bad arguments, the lock): one line
            lines = result.stderr.strip().splitlines()
            run.message = next((line for line in reversed(lines) if line.startswith("error:")), "")
        else:
            run.warnings = "\n".join(str(w) for w in outcome.get("warnings") or [])
            run.message = _message(outcome)
        run.status = BuildRun.Status.SUCCEEDED if result.returncode == 0 else BuildRun.Status.FAILED
    except subprocess.TimeoutExpired:
        run.status, run.message = BuildRun.Status.FAILED, "build timed out"
    run.finished_at = timezone.now()
    run.save()
    if run.status == BuildRun.Status.FAILED:
        log.error("site build failed: %s", run.message)
    return run
