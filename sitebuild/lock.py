"""One build at a time into an output folder.

Two builds into the same folder removed each other's staging folders (``publish.staging_dir``
cleans up what a killed build left) and interleaved their caches, and failed with misleading
errors. So every command that writes an output folder or its cache holds an exclusive
``flock`` on a file beside the output for as long as it runs, taken before anything there is
touched. The kernel releases it when the process ends, however it ends: a killed build never
leaves a lock behind that someone must remove by hand."""

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BuildError


class BuildRunningError(BuildError):
    """Another process holds the output folder."""


def lock_path(out: Path) -> Path:
    out = out.resolve()
    return out.parent / f".{out.name}.lock"


@contextmanager
def output_lock(
    out: Path, wait: bool = False, waiting: Callable[[str], None] = lambda _: None
) -> Iterator[None]:
    """Hold the output folder ``out`` for the duration. If another process holds it: raise
    BuildRunningError, or with ``wait`` tell ``waiting`` so and wait for it to finish."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _acquire(path, out.resolve(), wait, waiting)
    try:
        yield
    finally:
        # Removed while still held, so the folder is left as it was. A process waiting on
        # this file finds it gone once it gets the lock, and takes a new one (_acquire).
        if _still_there(fd, path):
            os.unlink(path)
        os.close(fd)


def _acquire(path: Path, out: Path, wait: bool, waiting: Callable[[str], None]) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not wait:
                    raise BuildRunningError(
                        f"a build into {out} is already running{holder}; "
                        "try again when it has finished, or pass --wait"
                    ) from None
                waiting(f"[lock] waiting for the build into {out}{holder} to finish")
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _still_there(fd, path):
                with contextlib.suppress(OSError):  # who holds it is news, not a need
                    os.ftruncate(fd, 0)
                    os.write(fd, f"{os.getpid()}\n".encode())
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the file as it finished: lock the new one


def _holder(fd: int) -> str:
    """`` (process N)``, as the holder wrote it, or "" if it has not yet."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (process {text})" if text.isdigit() else ""


def _still_there(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False
