"""Which task runner extraction uses: threads (default), local processes, or a Dask cluster.

Extraction is the only task the flows *submit* (``extract_events.submit`` in
``flows/steps.py``); every warehouse task runs in the flow's own process, which holds
the writer lock. So choosing where extraction runs means choosing the task runner the
flow submits to — nothing else in a flow changes. The choice arrives as plain flow
parameters (``task_runner``, ``dask_address``) so a deployment, the CLI and a test can
all make it; :func:`extraction_runner` swaps the runner for the block that extracts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from prefect.context import FlowRunContext
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newsevents.errors import NewsEventsError

#: Names accepted by ``--runner`` and the flows' ``task_runner`` parameter.
RUNNERS = ("thread", "process", "dask")

#: A throw-away local Dask cluster when no scheduler address is given: real worker
#: processes, so extraction is exercised exactly as on a remote cluster.
LOCAL_DASK_CLUSTER = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": None}


def build_task_runner(name: str = "thread", dask_address: str | None = None) -> TaskRunner:
    """A fresh task runner for ``name``; ``dask_address`` (``tcp://host:8786``) joins an existing cluster."""
    check_runner(name, dask_address)
    if name == "process":
        return ProcessPoolTaskRunner()
    if name == "dask":
        from prefect_dask import DaskTaskRunner  # imported only when asked for: dask is slow to import

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs=dict(LOCAL_DASK_CLUSTER))
    return ThreadPoolTaskRunner()


def check_runner(name: str, dask_address: str | None = None) -> None:
    """Reject a bad choice before a run starts (and before it takes the writer lock)."""
    if name not in RUNNERS:
        raise NewsEventsError(f"unknown task runner {name!r}", hint=f"choose one of {', '.join(RUNNERS)}")
    if dask_address and name != "dask":
        raise NewsEventsError("a Dask scheduler address needs the dask runner", hint="add --runner dask")


@contextmanager
def extraction_runner(name: str = "thread", dask_address: str | None = None) -> Iterator[None]:
    """Inside a running flow: tasks submitted in this block go to the chosen runner.

    With the default ``thread`` this does nothing (the flow's own runner is used), so the
    common path is exactly what it was. Otherwise the runner is started for the block and
    shut down after it (a local Dask cluster lives only as long as the extraction).
    """
    check_runner(name, dask_address)
    context = FlowRunContext.get()
    if name == "thread" or context is None:
        yield
        return
    with build_task_runner(name, dask_address) as runner:
        with context.model_copy(update={"task_runner": runner}):
            yield
