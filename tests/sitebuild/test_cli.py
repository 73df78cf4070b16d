"""The CLI over the stages: failures are one line, a non-zero exit, and the published site is
left exactly as it was."""

import threading
from pathlib import Path

import pytest

from sitebuild import pelican_plugin
from sitebuild.cli import main
from sitebuild.state import save_raw

from .helpers import api_page, tiny_site


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def published(tmp_path) -> Path:
    data = tmp_path / "raw.json"
    save_raw(tiny_site(), data)
    out = tmp_path / "site"
    assert main(["render", "--data", str(data), "--out", str(out), "-q"]) == 0
    return out


def test_render_from_saved_data_publishes(published):
    assert (published / "da" / "arbejde" / "skole" / "index.html").is_file()


def test_verify_failure_keeps_the_published_site(published, tmp_path, capsys):
    before = snapshot(published)
    broken = tiny_site(
        [api_page(30, "en", "section", "x/", "   ", "k-x", audience="visit", intro="")]
    )
    data = tmp_path / "broken.json"
    save_raw(broken, data)
    assert main(["render", "--data", str(data), "--out", str(published), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: verify:") and "no page title" in err[0]
    assert snapshot(published) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".site-cache",
        "broken.json",
        "raw.json",
        "site",
    ]


def test_render_raising_half_way_keeps_the_published_site(published, tmp_path, monkeypatch, capsys):
    before = snapshot(published)
    written = []
    real = pelican_plugin.write_file
    lock = threading.Lock()  # files are written on worker threads

    def write_file(path, text):  # the plugin's file writer fails on the fourth file
        with lock:
            if len(written) == 3:
                raise RuntimeError("disk on fire")
            written.append(path)
        return real(path, text)

    monkeypatch.setattr(pelican_plugin, "write_file", write_file)
    assert (
        main(
            [
                "render",
                "--data",
                str(tmp_path / "raw.json"),
                "--out",
                str(published),
                "--full",
                "-q",
            ]
        )
        == 1
    )
    assert len(written) == 3
    assert "error: render: Pelican failed: RuntimeError: disk on fire" in capsys.readouterr().err
    assert snapshot(published) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_a_file_that_is_not_saved_fetch_data(tmp_path, capsys):
    bad = tmp_path / "raw.json"
    bad.write_text("{not json")
    assert main(["render", "--data", str(bad), "--out", str(tmp_path / "site"), "-q"]) == 1
    assert "not a saved fetch" in capsys.readouterr().err


def test_verify_command_on_a_good_site(published, capsys):
    assert main(["verify", str(published)]) == 0
    assert "no problems" in capsys.readouterr().err
