"""The validation history: every expectation of every run, queryable in SQL."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timezone

import duckdb
import pandas as pd

from newsevents.quality.gate import ExpectationOutcome
from warehouse.connection import registered
from warehouse.sql import load


def record_outcomes(con: duckdb.DuckDBPyConnection, run_id: str, outcomes: Sequence[ExpectationOutcome]) -> int:
    if not outcomes:
        return 0
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    frame = pd.DataFrame([{
        "run_id": run_id, "suite": o.suite, "expectation_id": o.expectation_id,
        "expectation_type": o.expectation_type, "column_name": o.column, "severity": o.severity,
        "success": o.success, "observed_value": o.observed_value, "unexpected_count": o.unexpected_count,
        "unexpected_examples": json.dumps(o.unexpected_examples, default=str), "validated_at": now,
    } for o in outcomes])
    frame["unexpected_count"] = frame["unexpected_count"].astype("Int64")
    with registered(con, outcomes=frame):
        con.execute(load("ops/record_validation"))
    return len(frame)
