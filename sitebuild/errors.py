import errno
import os


class BuildError(Exception):
    """A failure the operator can act on. ``str()`` is one line: what failed and why."""

    stage = "build"

    def __str__(self) -> str:
        return " ".join(super().__str__().split())


class FetchError(BuildError):
    stage = "fetch"


class TransformError(BuildError):
    stage = "transform"


class RenderError(BuildError):
    stage = "render"


class VerifyError(BuildError):
    stage = "verify"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{len(problems)} problem(s) in the output: {problems[0]}{more}")


class PublishError(BuildError):
    stage = "publish"


# The file system refused to store what the build writes: the operator frees space or fixes
# the folder, and nothing is wrong with the content.
STORAGE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}
)


class StorageError(BuildError):
    """A write refused by the file system, in one line: ``no space left on device (path)``.
    ``where`` names the folder the build was writing in when the error has no file name (a
    failed ``write`` has none)."""

    def __init__(self, stage: str, error: OSError, where: object = None) -> None:
        self.stage = stage
        reason = os.strerror(error.errno) if error.errno else str(error)
        place = error.filename or where
        super().__init__(reason[:1].lower() + reason[1:] + (f" ({place})" if place else ""))


def storage_failure(exc: BaseException | None) -> OSError | None:
    """The full, read-only or forbidden file system behind ``exc``, if that is what it is:
    ``exc`` itself or an exception it was raised from (Pelican and thread pools wrap them),
    unless it was raised ``from None``: it says what happened itself."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS:
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return None


def as_build_error(
    exc: BaseException, stage: str = "build", where: object = None
) -> BuildError | None:
    """``exc`` as the one-line failure the CLI and the server report, or None for a bug.
    ``stage``: the stage it was raised in, for an exception that does not name one."""
    if isinstance(exc, StorageError):
        return exc
    failure = storage_failure(exc)
    if failure is not None:
        own = getattr(exc, "stage", "build")  # a stage's own error names its stage
        return StorageError(stage if own == "build" else own, failure, where)
    return exc if isinstance(exc, BuildError) else None
