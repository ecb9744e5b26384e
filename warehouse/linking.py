"""Read the rows a batch's new mentions are linked with, column-wise (see ``newsevents.dedup.linking``).

Why columns: in a dense warehouse the published mentions a batch can reach run to a
million rows; fetched as Python rows they cost gigabytes and most of the publishing time.
DuckDB numbers the rows, codes every text column by its distinct values and returns
arrays; Python sees each distinct text once.
"""

from __future__ import annotations

import duckdb
import numpy as np

from newsevents.dedup.link_table import NUMBER_COLUMNS, TEXT_COLUMNS, LinkTable
from warehouse.sql import load


def link_table(con: duckdb.DuckDBPyConnection) -> LinkTable:
    """Build ``link_rows`` (``affected_blocks`` and the reasons must be registered) and read it."""
    con.execute(load("published/link_rows"))
    try:
        codes = ", ".join(f"dense_rank() OVER (ORDER BY {c}) - 1 AS {c}" for c in TEXT_COLUMNS)
        numbers = ", ".join(NUMBER_COLUMNS)
        arrays = con.execute(f"SELECT is_new, {numbers}, {codes} FROM link_rows ORDER BY row_index").fetchnumpy()
        values = {c: [r[0] for r in con.execute(
            f"SELECT DISTINCT {c} FROM link_rows ORDER BY {c}").fetchall()] for c in TEXT_COLUMNS}
        new_ids = [r[0] for r in con.execute(
            "SELECT event_id FROM link_rows WHERE is_new ORDER BY row_index").fetchall()]
    finally:
        con.execute("DROP TABLE IF EXISTS link_rows")
    return LinkTable(is_new=np.ma.getdata(arrays["is_new"]).astype(bool),
                     numbers={c: np.ma.asarray(arrays[c]) for c in NUMBER_COLUMNS},
                     codes={c: np.ma.getdata(arrays[c]).astype(np.int64) for c in TEXT_COLUMNS},
                     values=values, new_event_ids=new_ids)
