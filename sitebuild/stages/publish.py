"""Stage 5, publish: the new site replaces the old one in a single atomic step.

The build renders into a staging folder next to the target. Only after verify passes is it
swapped in with renameat2(RENAME_EXCHANGE), so a reader (or Netlify) sees either the old site or
the new one, never a mix. If the process dies before the swap, the target is untouched and the
staging folder is cleaned up by the next build."""

import ctypes
import errno
import os
import shutil
from pathlib import Path

from ..errors import PublishError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir(target: Path) -> Path:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Left by a build that was killed: a half-made site, or a replaced one not yet removed.
    for pattern in (f".{target.name}.staging-*", f".{target.name}.old-*"):
        for stale in target.parent.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)
    path = target.parent / f".{target.name}.staging-{os.getpid()}"
    path.mkdir()
    return path


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux). False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise PublishError(f"cannot swap {b} into place: {os.strerror(code)}")


def publish(staging: Path, target: Path) -> Path | None:
    """Swap ``staging`` in as ``target``. Returns the previous site's folder, for the caller to
    remove once the new site is live (see ``discard``), or None if there was none."""
    target = target.resolve()
    if not target.exists():
        os.rename(staging, target)
        return None
    if not target.is_dir():
        raise PublishError(f"{target} exists and is not a folder")
    if not _exchange(staging, target):
        # Fallback: two renames; the window between them is a few microseconds.
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        os.rename(target, old)
        os.rename(staging, target)
        return old
    return staging  # after the exchange it holds the previous site


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
