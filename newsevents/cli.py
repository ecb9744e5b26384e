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
import logging
import pkgutil
import re
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


#: Loggers on which Prefect reports a failed task or flow run (with the traceback).
RUN_LOGGERS = ("prefect.task_runs", "prefect.flow_runs")
_FAILED_STATE = re.compile(r"encountered an exception (\w+):")


class UserErrorLogFilter(logging.Filter):
    """Drop Prefect's failure records for errors the CLI reports itself.

    Why: a :class:`NewsEventsError` raised in a task is logged by Prefect twice, once
    with a full traceback, before it reaches :func:`main`, which prints it as one line
    and a hint. Without ``--verbose`` those records only bury the message a user needs.
    Any other exception is left alone: its traceback is what a bug report needs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, NewsEventsError):
            return False
        match = _FAILED_STATE.search(record.getMessage()) if record.levelno >= logging.ERROR else None
        return not (match and match.group(1) in _user_error_names())


def _user_error_names() -> set[str]:
    """Class names of NewsEventsError and all its (transitive) subclasses."""
    names, todo = set(), [NewsEventsError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def quiet_user_errors() -> None:
    """Attach :class:`UserErrorLogFilter` to Prefect's run loggers (idempotent).

    Logger filters survive Prefect's later ``dictConfig`` (it replaces handlers, not
    filters), so this works before Prefect is imported.
    """
    for name in RUN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, UserErrorLogFilter) for f in logger.filters):
            logger.addFilter(UserErrorLogFilter())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    if not getattr(args, "verbose", False):
        quiet_user_errors()
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one clear line, no traceback
        print(f"error: {args.command} failed unexpectedly: {type(exc).__name__}: {exc}\n"
              "  hint: nothing was half-published (publishing is one transaction); run again with -v for "
              "details, and report it if it persists", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
