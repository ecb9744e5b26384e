"""Prefect tasks: thin wrappers, each one call into the domain or the warehouse.

Tasks pass warehouse *paths* and ids between each other, not DataFrames, so Prefect never
hashes or persists bulk data; caching is off because every run must see the warehouse
as it is now. Tasks that touch DuckDB are called directly (they run in the flow's
process, which holds the writer lock); only CPU-bound extraction is submitted to the
task runner, so it can fan out to processes or a Dask cluster.
"""

from prefect.cache_policies import NO_CACHE

TASK_DEFAULTS = {"cache_policy": NO_CACHE, "persist_result": False}


class Opaque:
    """A bulk value handed to a *submitted* task as one opaque object.

    Prefect walks every element of list/dict/tuple parameters looking for futures, which
    costs more than the work on a 2,000-article chunk. ``prefect...quote`` avoids that for
    tasks called in the flow's process, but a Dask worker receives the quote wrapper itself;
    this plain, picklable holder works with every task runner.
    """

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value
