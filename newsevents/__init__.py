"""newsevents: news articles in, structured and validated event records out.

This package holds the pure domain logic (no Prefect import) and the thin CLI.
Prefect flows live in ``flows/``, Prefect tasks in ``tasks/``, every SQL statement in
``warehouse/`` and the Great Expectations suites in ``expectations/``.
"""

__version__ = "0.1.0"
