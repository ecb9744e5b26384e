"""Imported by the extraction pool's fork server: load the extractor there, once, and freeze it.

Every pool worker is forked from the fork server (see ``newsevents.mentions.POOL_START_METHOD``).
When the server has already loaded the extractor's dictionaries and gazetteer (≈170 MB of
Python objects after a cached load), the workers start with them in place and share those pages with the server
and with each other, instead of each loading its own copy: that is most of a worker's
memory. ``gc.freeze()`` moves the loaded objects out of the collector's reach, so a worker's
garbage collections do not write to (and so copy) the shared pages.

The cost: the fork server keeps that memory for as long as the process that owns the pool
lives, also between runs of a long-lived ``newsevents watch``.
"""

from __future__ import annotations

import gc
import logging

from newsevents.mentions import warm_up

try:
    warm_up()
except Exception:  # noqa: BLE001 - only an optimisation: workers then load the extractor themselves
    logging.getLogger(__name__).warning("could not preload the extractor in the fork server", exc_info=True)
gc.freeze()
