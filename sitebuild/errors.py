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
