"""``newsevents sql "select …"``: ad hoc, read-only SQL on the warehouse, printed as a table."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from newsevents.commands import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sql", help="run read-only SQL on the warehouse and print the result",
                       description="Run a read-only SQL query on the DuckDB warehouse. "
                                   "Waits briefly if a pipeline run is writing.")
    p.add_argument("query", help='SQL, e.g. "select event_type, count(*) from published.events group by 1"')
    add_db_argument(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--max-rows", type=int, default=1000, help="rows printed at most in table format")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from newsevents import settings
    from newsevents.errors import NewsEventsError
    from newsevents.table import render_table
    from warehouse.connection import connect

    with connect(settings.db_path(args.db), read_only=True) as con:
        try:
            cur = con.execute(args.query)
        except duckdb.Error as exc:
            raise NewsEventsError(f"query failed: {str(exc).splitlines()[0]}",
                                  hint="the warehouse is opened read-only; list tables with "
                                       "\"select table_schema, table_name from information_schema.tables\"") from exc
        if cur.description is None:
            return 0
        columns = [d[0] for d in cur.description]
        rows = cur.fetchall()
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif args.format == "json":
        for row in rows:
            print(json.dumps(dict(zip(columns, row)), default=str, ensure_ascii=False))
    else:
        print(render_table(columns, rows[: args.max_rows]))
        if len(rows) > args.max_rows:
            print(f"(showing {args.max_rows} of {len(rows)} rows; use --max-rows or --format csv)")
    return 0
