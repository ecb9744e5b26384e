"""Data quality: Great Expectations suites from ``expectations/`` gate what gets published.

Great Expectations is imported lazily (≈2.5 s): a run with nothing to validate never pays
for it. Its SQL path does not work with DuckDB, so the warehouse hands us DataFrames.
"""
