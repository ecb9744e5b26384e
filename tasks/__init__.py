"""Prefect tasks: thin wrappers, each one call into the domain or the warehouse.

Tasks pass warehouse *paths* and ids between each other, not DataFrames, so Prefect never
hashes or persists bulk data; caching is off because every run must see the warehouse
as it is now. Tasks that touch DuckDB are called directly (they run in the flow's
process, which holds the writer lock); only CPU-bound extraction is submitted to the
task runner, so it can fan out to processes or a Dask cluster.
"""

from prefect.cache_policies import NO_CACHE

TASK_DEFAULTS = {"cache_policy": NO_CACHE, "persist_result": False}
