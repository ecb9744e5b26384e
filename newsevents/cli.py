"""The ``newsevents`` command line: a thin shell over the library.

Each sub-command lives in its own module under :mod:`newsevents.commands` and exposes
``register(subparsers)``; this module discovers them, parses arguments and turns
:class:`~newsevents.errors.NewsEventsError` into one clear line and an exit code.
Heavy imports (Prefect, Great Expectations, spaCy) happen inside the commands' ``run``
functions so that ``newsevents --help`` and ``newsevents sql`` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from newsevents import __version__, commands
from newsevents.errors import NewsEventsError


def build_parser() -> argparse.ArgumentParser:
    """Build the parser from every module in :mod:`newsevents.commands`."""
    parser = argparse.ArgumentParser(
        prog="newsevents",
        description="Turn news articles into structured, validated event data.",
    )
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except NewsEventsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
