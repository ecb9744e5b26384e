"""Read the rows a batch's new mentions are linked with, column-wise (see ``newsevents.dedup.linking``).

Why columns: in a dense warehouse the published mentions a batch can reach run to a
million rows; fetched as Python rows they cost gigabytes and most of the publishing time.
DuckDB numbers the rows, codes every text column by a small dictionary of its distinct
values (a hash join: window functions over a million rows took ten times the memory) and
returns arrays; Python sees each distinct text once. The statements are generated from
the column lists the domain declares, so the two cannot drift apart.
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
        values = {c: _dictionary(con, c) for c in TEXT_COLUMNS}
        codes_sql = ", ".join(f"coalesce(d_{c}.code, -1) AS {c}" for c in TEXT_COLUMNS)
        joins = " ".join(f"LEFT JOIN link_dict_{c} AS d_{c} ON r.{c} = d_{c}.value" for c in TEXT_COLUMNS)
        numbers = ", ".join(f"r.{c}" for c in NUMBER_COLUMNS)
        arrays = con.execute(f"SELECT r.is_new, {numbers}, {codes_sql} FROM link_rows AS r {joins} "
                             "ORDER BY r.row_index").fetchnumpy()
        new_ids = [r[0] for r in con.execute(
            "SELECT event_id FROM link_rows WHERE is_new ORDER BY row_index").fetchall()]
    finally:
        for c in TEXT_COLUMNS:
            con.execute(f"DROP TABLE IF EXISTS link_dict_{c}")
        con.execute("DROP TABLE IF EXISTS link_rows")
    return LinkTable(is_new=np.ma.getdata(arrays["is_new"]).astype(bool),
                     numbers={c: np.ma.asarray(arrays[c]) for c in NUMBER_COLUMNS},
                     codes={c: _null_coded(np.ma.getdata(arrays[c]).astype(np.int64), values[c])
                            for c in TEXT_COLUMNS},
                     values=values, new_event_ids=new_ids)


def _dictionary(con: duckdb.DuckDBPyConnection, column: str) -> list:
    """The distinct values of ``column`` in ``link_rows`` (NULL last), kept as ``link_dict_<column>``."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE link_dict_{column} AS "
                f"SELECT value, (row_number() OVER (ORDER BY value NULLS LAST) - 1)::INTEGER AS code "
                f"FROM (SELECT DISTINCT {column} AS value FROM link_rows)")
    return [r[0] for r in con.execute(f"SELECT value FROM link_dict_{column} ORDER BY code").fetchall()]


def _null_coded(codes: np.ndarray, values: list) -> np.ndarray:
    """NULL never joins its dictionary row: give those rows the code of the NULL value."""
    if None in values:
        codes[codes < 0] = values.index(None)
    return codes
