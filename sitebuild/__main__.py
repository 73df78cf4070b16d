"""``python -m sitebuild`` (and ``udsyn-build``): the build's commands (cli.py), or the build
server (server.py) for ``serve``. The two faces never import each other."""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        from .server import main as serve

        return serve(argv[1:])
    from .cli import main as commands

    return commands(argv)


if __name__ == "__main__":
    sys.exit(main())
