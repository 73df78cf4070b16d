"""Large sites are rendered by two processes (the second one forked): the output is the same
bytes, and a failure in the helper fails the build with its reason."""

import os

import pytest

from sitebuild import pelican_plugin

from .helpers import info_page, tiny_site
from .stages.test_incremental import build
from .test_cli import snapshot


@pytest.fixture
def site():
    body = [{"type": "paragraph", "id": "p", "value": "<p>Tekst</p>"}]
    return tiny_site(
        [
            info_page(100 + n, "da", f"arbejde/side-{n}/", f"Side {n}", f"k-{n}", body)
            for n in range(6)
        ]
    )


def test_two_processes_render_the_same_bytes_as_one(tmp_path, site, monkeypatch):
    build(site, tmp_path / "one", full=True)
    monkeypatch.setattr(pelican_plugin, "PARALLEL_FROM", 2)
    forks = []
    real = pelican_plugin.Helper.__init__

    def counted(self, work):
        forks.append(1)
        real(self, work)

    monkeypatch.setattr(pelican_plugin.Helper, "__init__", counted)
    build(site, tmp_path / "two", full=True)
    assert forks == [1]
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


def test_a_failure_in_the_helper_fails_the_build_and_keeps_the_site(tmp_path, site, monkeypatch):
    out = tmp_path / "site"
    build(site, out)
    before = snapshot(out)
    monkeypatch.setattr(pelican_plugin, "PARALLEL_FROM", 2)
    parent = os.getpid()
    real = pelican_plugin.write_file

    def write_file(path, text):
        if os.getpid() != parent:
            raise OSError("helper's disk on fire")
        return real(path, text)

    monkeypatch.setattr(pelican_plugin, "write_file", write_file)
    with pytest.raises(Exception, match="helper's disk on fire"):
        build(site, out, full=True)
    assert snapshot(out) == before
