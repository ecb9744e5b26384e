"""The DuckDB warehouse: every SQL statement and schema migration of newsevents lives here.

Layers (dbt-style): ``raw`` (as ingested, append-only), ``staging`` (this run's batch),
``published`` (what analysts query), ``quarantine`` (rows held back by a critical
data-quality failure, with reasons) and ``ops`` (runs, validation history, feeds).
"""
