"""Publishing in the CMS rebuilds the site through the long-running build server
(``./scripts/build serve``): UDSYN_BUILD_HOOK_URL points at its POST /build, the CMS sends
the shared token, and records the build's own outcome for editors."""

import pytest

from cms.builds import triggers
from cms.builds.models import BuildRun

from ...sitebuild.test_server import Server
from ..factories import danish_tree

TOKEN = "a-shared-build-token"  # noqa: S105 - a test value
SCHOOL = ("da", "arbejde-og-bo", "skole", "index.html")


@pytest.fixture
def server(tx_db, live_server, settings, tmp_path):
    tree = danish_tree()
    triggers.flush()
    out = tmp_path / "site"
    running = Server(f"{live_server.url}/api/v2/", out, token=TOKEN)
    settings.UDSYN_BUILD_HOOK_URL = running.url + "build"
    settings.UDSYN_BUILD_HOOK_TOKEN = TOKEN
    settings.UDSYN_BUILD_DEBOUNCE_SECONDS = 0.2
    BuildRun.objects.all().delete()
    yield {**tree, "out": out, "server": running}
    running.process.kill()
    running.process.wait()


def test_publishing_rebuilds_the_site_through_the_build_server(server):
    page = server["info"]
    page.title = "Skolestart for alle"
    page.save_revision().publish()
    triggers.flush()
    run = BuildRun.objects.get()
    assert run.backend == "hook"
    assert run.status == BuildRun.Status.SUCCEEDED, run.message
    assert run.message.startswith("pages: 3 (")  # the server's own account of the build
    assert "Skolestart for alle" in server["out"].joinpath(*SCHOOL).read_text()
    assert server["server"].call("GET", "status", token=TOKEN)[1]["builds"] == 2


def test_a_wrong_token_is_recorded_as_a_failed_build(server, settings, caplog):
    settings.UDSYN_BUILD_HOOK_TOKEN = "not-the-token"  # noqa: S105 - a test value
    page = server["info"]
    page.title = "Skolestart for alle"
    page.save_revision().publish()
    triggers.flush()
    run = BuildRun.objects.get()
    assert run.status == BuildRun.Status.FAILED
    assert run.message == "build hook answered HTTP 403"
    assert "Skolestart" not in server["out"].joinpath(*SCHOOL).read_text()
    assert "site build not triggered" in caplog.text


def test_a_failed_build_is_reported_with_the_servers_error(server, caplog):
    before = server["out"].joinpath(*SCHOOL).read_bytes()
    server["info"].specific.unpublish()
    server["section"].specific.unpublish()  # two of Danish's three pages: over --max-drop
    triggers.flush()
    run = BuildRun.objects.get()
    assert run.status == BuildRun.Status.FAILED
    assert run.message.startswith("error: verify: ")
    assert "\n" not in run.message
    assert server["out"].joinpath(*SCHOOL).read_bytes() == before  # the last good site
    assert "site build failed" in caplog.text
