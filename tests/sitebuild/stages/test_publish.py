import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sitebuild.stages.publish import discard, publish, staging_dir


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_first_publish_moves_the_staging_folder_into_place(tmp_path):
    target = tmp_path / "site"
    staging = staging_dir(target)
    (staging / "index.html").write_text("new")
    publish(staging, target)
    assert snapshot(target) == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_swaps_the_whole_folder(tmp_path):
    target = tmp_path / "site"
    (target / "old").mkdir(parents=True)
    (target / "old" / "gone.html").write_text("old")
    staging = staging_dir(target)
    (staging / "index.html").write_text("new")
    previous = publish(staging, target)
    assert snapshot(target) == {"index.html": b"new"}
    assert snapshot(previous) == {"old/gone.html": b"old"}  # for the caller to remove
    discard(previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_killed_build_leaves_the_site_and_the_next_build_cleans_up(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("last good")
    before = snapshot(target)
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from sitebuild.stages.publish import staging_dir
        staging = staging_dir(Path({str(target)!r}))
        (staging / "half.html").write_text("half")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[3])
    assert result.returncode == -signal.SIGKILL
    assert snapshot(target) == before
    assert any(p.name.startswith(".site.staging-") for p in tmp_path.iterdir())
    staging = staging_dir(target)  # the next build removes the leftover
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == [staging.name]
    os.rmdir(staging)
