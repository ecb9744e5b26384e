"""RSS/Atom ingestion: configuration, safe fetching, parsing, full text and polling.

Pure domain code: no Prefect and no SQL here. The warehouse side lives in
:mod:`warehouse.feed_store`; the Prefect task is a thin wrapper around
:func:`newsevents.feeds.poll.fetch_one`.
"""
