"""The demo site, built from the CMS over real HTTP and served on 127.0.0.1 at the address its
canonical and hreflang URLs name, as the production site is served at its own."""

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitebuild.cli import main


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site_folder(tmp_path):
    return tmp_path / "site"


@pytest.fixture
def site(demo, live_server, site_folder):
    """The address the site is served at."""
    if not shutil.which("chromium"):
        pytest.fail("Chromium is installed by ./scripts/test; run it once")
    out = site_folder
    handler = functools.partial(QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # its port first: the site's address
    address = f"http://127.0.0.1:{server.server_port}"
    build = ["--api", f"{live_server.url}/api/v2/", "--out", str(out), "--site-url", address]
    assert main([*build, "-q"]) == 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield address
    server.shutdown()
    server.server_close()
