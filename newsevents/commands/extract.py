"""``newsevents extract [PATH|-]``: JSON Lines of articles in, JSON Lines of events out.

Bad input lines (not UTF-8, not JSON, not an object, no text) are reported on stderr with
their line number and skipped, so one broken record never stops a batch.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsevents.errors import NewsEventsError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` sub-command."""
    p = subparsers.add_parser(
        "extract", help="extract events from JSON Lines articles",
        description='Read articles as JSON Lines ({"id", "text", "published_at", "title"?, "url"?}) '
                    "from PATH or standard input and write one event per line as JSON.",
    )
    p.add_argument("path", nargs="?", default="-", metavar="PATH|-", help="input file (default: standard input)")
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (default: standard output)")
    p.add_argument("--spacy-model", metavar="NAME|DIR", default=None,
                   help="optional spaCy pipeline with an entity recogniser (e.g. en_core_web_sm) to help read "
                        "place names; default: $NEWSEVENTS_SPACY_MODEL, else rules alone")
    p.set_defaults(func=run)


def read_articles(stream: BinaryIO, errors: Any = None) -> Iterator[dict[str, Any]]:
    """Yield valid article dicts; report each bad line on ``errors`` (stderr) and skip it."""
    err = errors or sys.stderr
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            print(f"line {lineno}: skipped: not UTF-8 ({exc.reason} at byte {exc.start})", file=err)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"line {lineno}: skipped: not JSON ({exc.msg})", file=err)
            continue
        if not isinstance(obj, dict):
            print(f"line {lineno}: skipped: not a JSON object", file=err)
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            print(f"line {lineno}: skipped: missing text", file=err)
            continue
        if obj.get("id") is None:
            obj["id"] = f"line-{lineno}"
        obj["id"] = str(obj["id"])
        yield obj


def run(args: argparse.Namespace) -> int:
    """Stream articles through the engine."""
    from newsevents.extract import extract_events
    from newsevents.extract import ner

    if args.spacy_model:
        os.environ[ner.ENV] = args.spacy_model
    ner.configured()  # a missing model is one clear error before any input is read

    try:
        src: BinaryIO = sys.stdin.buffer if args.path == "-" else open(args.path, "rb")
    except OSError as exc:
        raise NewsEventsError(f"cannot read {args.path}: {exc.strerror}") from exc
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for article in read_articles(src):
            for event in extract_events(article):
                out.write(json.dumps(event, ensure_ascii=False) + "\n")
        out.flush()
    finally:
        if src is not sys.stdin.buffer:
            src.close()
        if out is not sys.stdout:
            out.close()
    return 0
