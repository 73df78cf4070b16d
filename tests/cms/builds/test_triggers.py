"""Publishing triggers one build per burst; a failing hook is recorded and logged but never
stops the editor; the local runner builds the real site; editors see the result."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cms.builds import triggers
from cms.builds.models import BuildRun

from ..factories import danish_tree


class HookReceiver:
    """A real HTTP server standing in for Netlify's build hook (Netlify is not reachable
    from this machine): it records each POST and answers with ``status``."""

    def __init__(self, status: int = 200) -> None:
        self.posts: list[dict] = []
        self.status = status
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                receiver.posts.append(json.loads(self.rfile.read(length) or b"{}"))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/build_hooks/abc"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook(settings):
    receiver = HookReceiver()
    settings.UDSYN_BUILD_HOOK_URL = receiver.url
    settings.UDSYN_BUILD_DEBOUNCE_SECONDS = 0.3
    yield receiver
    receiver.close()


def publish_burst(tree, times: int) -> None:
    for n in range(times):
        tree["info"].title = f"Skole {n}"
        tree["info"].save_revision().publish()


def test_a_burst_of_publishes_triggers_one_build(tx_db, hook):
    tree = danish_tree()
    triggers.flush()
    hook.posts.clear()
    BuildRun.objects.all().delete()
    publish_burst(tree, 5)
    triggers.flush()
    assert len(hook.posts) == 1
    assert "Skole" in hook.posts[0]["trigger_title"]
    run = BuildRun.objects.get()
    assert run.status == BuildRun.Status.REQUESTED and run.backend == "hook"


def check_failing_hook(hook, caplog, expected: str) -> None:
    tree = danish_tree()
    triggers.flush()
    BuildRun.objects.all().delete()
    if expected == "HTTP 500":
        hook.status = 500
    else:
        hook.close()
    publish_burst(tree, 1)
    triggers.flush()
    tree["info"].refresh_from_db()
    assert tree["info"].title == "Skole 0" and tree["info"].live  # the publish went through
    run = BuildRun.objects.get()
    assert run.status == BuildRun.Status.FAILED
    assert expected in run.message
    assert "site build not triggered" in caplog.text


def test_a_hook_answering_500_is_recorded_and_never_blocks_publishing(tx_db, hook, caplog):
    check_failing_hook(hook, caplog, "HTTP 500")


def test_an_unreachable_hook_is_recorded_and_never_blocks_publishing(tx_db, hook, caplog):
    check_failing_hook(hook, caplog, "unreachable")


def test_nothing_is_requested_while_paused(tx_db, hook):
    tree = danish_tree()
    triggers.flush()
    hook.posts.clear()
    with triggers.paused():
        publish_burst(tree, 2)
    triggers.flush()
    assert hook.posts == []


def test_the_local_runner_builds_the_site_from_the_api(tx_db, live_server, settings, tmp_path):
    danish_tree()
    settings.UDSYN_LOCAL_BUILD = {"api": f"{live_server.url}/api/v2/", "out": tmp_path / "site"}
    run = triggers.run_local("test")
    assert run.status == BuildRun.Status.SUCCEEDED, run.message
    assert run.message.startswith("pages: 3")
    assert (tmp_path / "site" / "da" / "arbejde-og-bo" / "skole" / "index.html").is_file()
    settings.UDSYN_LOCAL_BUILD = {"api": "http://127.0.0.1:9/api/v2/", "out": tmp_path / "site"}
    failed = triggers.run_local("test")
    assert failed.status == BuildRun.Status.FAILED
    assert failed.message.startswith("error: fetch:")


def test_editors_see_the_last_build_on_the_admin_home(db, client, django_user_model):
    from wagtail.models import Page

    from cms.roles.setup import ensure_roles

    danish_tree()
    BuildRun.objects.create(
        reason="'Skole' published",
        backend="local",
        status=BuildRun.Status.FAILED,
        message="error: verify: 1 problem(s) in the output: /da/: no lang",
        warnings="/da/x/: link to unpublished page 7 kept as text",
    )
    groups = ensure_roles()
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(groups["Editors"])
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Public site builds" in html
    assert "error: verify: 1 problem(s)" in html
    assert "link to unpublished page 7" in html
    assert Page.objects.count() > 1
