"""Seed files already read: their stat and fingerprint, so unchanged files are not read again.

A run over a folder of 100,000 seed files used to read and fingerprint every one of them
to find that nothing was new. :func:`unchanged` answers from one ``stat()`` per file;
:func:`record` is called in the transaction that lands what the files delivered, so a
remembered file is always one whose content raw already has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import duckdb
import pandas as pd

from newsevents.seeds import FileStat
from warehouse.connection import registered
from warehouse.sql import load

_COLUMNS = ["source_ref", "size", "mtime_ns", "ctime_ns", "inode"]


def unchanged(con: duckdb.DuckDBPyConnection, seeds_dir: str, stats: Mapping[str, FileStat]) -> set[str]:
    """The refs among ``stats`` whose file is as it was when last read, and whose input raw holds."""
    if not stats:
        return set()
    frame = pd.DataFrame([(ref, *stat) for ref, stat in stats.items()], columns=_COLUMNS)
    with registered(con, seed_stats=frame):
        rows = con.execute(load("ops/unchanged_seed_files"), {"seeds_dir": seeds_dir}).fetchall()
    return {ref for (ref,) in rows}


def record(con: duckdb.DuckDBPyConnection, seeds_dir: str, files: Sequence[tuple[str, FileStat, str]],
           recorded_at: datetime) -> None:
    """Remember (ref, stat, input fingerprint) of files just read."""
    if not files:
        return
    frame = pd.DataFrame([(ref, *stat, fingerprint) for ref, stat, fingerprint in files],
                         columns=[*_COLUMNS, "input_hash"])
    with registered(con, seed_files_read=frame):
        con.execute(load("ops/record_seed_files"), {"seeds_dir": seeds_dir, "recorded_at": recorded_at})
