"""A disk that refuses the build's writes, for real: a small tmpfs mounted for the test, filled
up or made read-only. The CLI says so in one line naming the stage ("error: render: no space
left on device (…)"), the published site stays as it was, and once there is room again the
next build carries on. Skipped where this process may not mount (not root, no privilege)."""

import errno
import os
import subprocess
from pathlib import Path

import pytest

from sitebuild import state
from sitebuild.cli import main
from sitebuild.errors import StorageError, as_build_error
from sitebuild.stages import leaks, search
from sitebuild.stages import render as render_stage
from sitebuild.state import save_raw

from .helpers import info_page, tiny_site
from .scripted_api import ScriptedAPI, page
from .stages import test_withdraw as withdrawn
from .stages.test_search import fragments_text
from .test_cli import snapshot

HAS_PAGEFIND = search.installed()


class Disk:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler"

    def fill(self) -> None:
        """Take every free byte (tmpfs allocates whole pages: 4 KiB writes fill the last)."""
        with self.filler.open("ab", buffering=0) as file:
            for size in (1 << 20, 4096, 1):
                try:
                    while True:
                        file.write(b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
        assert os.statvfs(self.root).f_bavail == 0

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def read_only(self, on: bool) -> None:
        mode = "remount,ro" if on else "remount,rw"
        subprocess.run(["mount", "-o", mode, str(self.root)], check=True)


@pytest.fixture
def disk(tmp_path):
    root = tmp_path / "disk"
    root.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(root)],
            capture_output=True,
            text=True,
        )
    except OSError as exc:
        pytest.skip(f"cannot run mount: {exc}")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield Disk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


def body(text: str) -> list[dict]:
    return [{"type": "paragraph", "id": "p1", "value": f"<p>{text}</p>"}]


def data(tmp_path: Path, title: str = "Skat") -> Path:
    """Saved fetch data outside the small disk."""
    path = tmp_path / f"raw-{title}.json"
    extra = [info_page(20, "da", "arbejde/skat/", title, "k-tax", body("Regler for skat"))]
    save_raw(tiny_site(extra), path)
    return path


def render(raw: Path, out: Path, *extra: str) -> int:
    return main(["render", "--data", str(raw), "--out", str(out), "-q", *extra])


def leftovers(disk: Disk) -> list[str]:
    return sorted(p.name for p in disk.root.iterdir() if ".staging-" in p.name or ".old-" in p.name)


def one_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def during(monkeypatch, module, name: str, action) -> None:
    """Run ``action`` when the stage calls ``module.name``, then the real function."""
    real = getattr(module, name)

    def wrapped(*args, **kwargs):
        action()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)


# Where the disk fills up: before the build (the first file render writes), when Pagefind
# writes its index, or after the new site is live (the state for the next build).
STAGES = {
    "render": (None, None),
    "search": (search, "index_language"),
    "cleanup": (state.StateFolder, "save_published"),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_a_full_disk_fails_in_one_line_and_the_next_build_carries_on(
    disk, tmp_path, capsys, monkeypatch, stage
):
    if stage == "search" and not HAS_PAGEFIND:
        pytest.skip("Pagefind is not installed (npm ci)")
    out = disk.root / "site"
    no_search = [] if stage == "search" else ["--no-search"]
    assert render(data(tmp_path), out, *no_search) == 0
    before = snapshot(out)
    capsys.readouterr()

    module, name = STAGES[stage]
    if module is None:
        disk.fill()
    else:
        during(monkeypatch, module, name, disk.fill)
    assert render(data(tmp_path, "Skat og fradrag"), out, *no_search, "--full") == 1
    error = one_error(capsys)
    assert error.startswith(f"error: {stage}: no space left on device ("), error
    assert str(disk.root) in error  # the file or folder it could not write
    if stage == "cleanup":  # the new site went live before the disk filled up
        assert "Skat og fradrag" in (out / "da/arbejde/skat/index.html").read_text()
    else:
        assert snapshot(out) == before
    assert not leftovers(disk)

    monkeypatch.undo()
    disk.free()
    assert render(data(tmp_path, "Skat i dag"), out, *no_search) == 0
    fresh = tmp_path / "fresh"
    assert render(data(tmp_path, "Skat i dag"), fresh, *no_search, "--full") == 0
    assert pages(out) == pages(fresh)  # nothing of the failure carried over
    if stage == "search":
        # Pagefind numbers pages in the order it finds the files, which on a tmpfs differs
        # between an incremental and a full build: the text is compared, not the bytes.
        assert fragments(out) == fragments(fresh)
        assert "Skat i dag" in fragments_text(out / "pagefind", "da")


def fragments(root: Path) -> list[str]:
    return sorted(fragments_text(root / "pagefind", "da").splitlines())


def pages(root: Path) -> dict[str, bytes]:
    return {rel: text for rel, text in snapshot(root).items() if not rel.startswith("pagefind/")}


def test_a_read_only_disk_fails_in_one_line_before_anything_is_touched(disk, tmp_path, capsys):
    out = disk.root / "site"
    assert render(data(tmp_path), out, "--no-search") == 0
    before = snapshot(out)
    capsys.readouterr()
    disk.read_only(True)
    try:
        assert render(data(tmp_path, "Skat og fradrag"), out, "--no-search") == 1
        error = one_error(capsys)
        assert error == f"error: build: read-only file system ({out.parent}/.site.lock)", error
        assert snapshot(out) == before
    finally:
        disk.read_only(False)
    assert render(data(tmp_path, "Skat og fradrag"), out, "--no-search") == 0


def test_fetch_saving_to_a_full_disk_says_so_and_keeps_the_last_save(disk, capsys):
    api = ScriptedAPI([page(n) for n in range(1, 7)])
    saved = disk.root / "raw.json"
    try:
        assert main(["fetch", "--api", api.url, "--save", str(saved), "-q"]) == 0
        before = saved.read_bytes()
        api.pages += [page(n) for n in range(7, 60)]  # more than the old save's room
        disk.fill()
        assert main(["fetch", "--api", api.url, "--save", str(saved), "-q"]) == 1
    finally:
        api.close()
    assert one_error(capsys) == f"error: fetch: no space left on device ({disk.root})"
    assert saved.read_bytes() == before
    assert sorted(p.name for p in disk.root.iterdir()) == ["filler", "raw.json"]


@pytest.mark.parametrize(
    "code", [errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG]
)
def test_every_refusal_of_the_file_system_is_one_line_with_its_stage(code):
    """EDQUOT and EACCES cannot be made for real here (no quotas on tmpfs; root may write
    anywhere): the same errors, raised and wrapped as render and the stages raise them."""
    try:
        try:
            raise OSError(code, os.strerror(code), "/srv/site/da/index.html")
        except OSError as exc:
            raise RuntimeError("Pelican failed") from exc
    except RuntimeError as wrapped:
        failure = as_build_error(wrapped, "render")
    assert isinstance(failure, StorageError) and failure.stage == "render"
    reason = os.strerror(code)
    assert str(failure) == f"{reason[0].lower()}{reason[1:]} (/srv/site/da/index.html)"
    assert as_build_error(OSError(errno.ENOENT, "gone"), "render") is None  # a bug, not the disk


@pytest.mark.parametrize("full_again", ["as it renders again", "after it published"])
def test_on_a_full_disk_a_page_no_longer_public_still_comes_off(
    disk, capsys, monkeypatch, tmp_path, full_again
):
    """The disk fills up as verify asks the API (and finds the page no longer public). If it
    is full again when the build renders without the page, no new site can be written, not
    even the last good one without the page: its files are removed from the published site
    itself, and the build says so. If the build without it gets published before the disk
    is full again, the page is gone with it, and the build fails after."""
    api = ScriptedAPI(withdrawn.pages())
    out = disk.root / "site"
    try:
        assert withdrawn.build(api, out, "--no-search", "-q") == 0
        withdrawn.vanishes_while_building(api, 7)
        during(monkeypatch, leaks, "check", disk.fill)
        if full_again == "as it renders again":  # (the first try's folder was removed)
            refill = lambda: disk.filler.exists() and disk.fill()  # noqa: E731
            during(monkeypatch, render_stage, "render", refill)
        assert withdrawn.build(api, out, "--no-search", "-q") == 1
        error = one_error(capsys)
        if full_again == "as it renders again":
            assert error.startswith(
                "error: verify: the 1 page(s) that are not public in the CMS "
                f"({withdrawn.HOUSING}): da/arbejde/bolig/index.html removed from the "
                "published site in place, which could not be published again (withdraw: no "
                f"space left on device ({disk.root})); "
            ), error
            assert "no new site could be built without them: render: no space left on" in error
            assert withdrawn.HOUSING in withdrawn.html(out, "/da/arbejde/")  # as it was
        else:
            assert error.startswith(f"error: cleanup: no space left on device ({disk.root}"), error
            assert withdrawn.HOUSING not in withdrawn.html(out, "/da/arbejde/")  # rebuilt
        assert not (out / "da/arbejde/bolig").exists()
        assert (out / "da/arbejde/skole/index.html").is_file()  # the rest is served

        monkeypatch.undo()
        disk.free()
        api.misbehave = lambda *_: None
        assert withdrawn.build(api, out, "--no-search", "-q") == 0
        assert not (out / "da/arbejde/bolig").exists()
        full = tmp_path / "full"
        assert withdrawn.build(api, full, "--no-search", "-q", "--full") == 0
        assert snapshot(out) == snapshot(full)
    finally:
        api.close()
