"""PLOVER type/mode -> CAMEO code, quad class and Goldstein score (from data/ontology.yaml).

The table is data so an analyst can refine a code or score without reading Python.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, Any]]:
    """The ontology table, loaded once per process."""
    with open(DATA_DIR / "ontology.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def code(event_type: str, mode: str | None, cameo: str | None = None) -> tuple[str, int, float]:
    """Return ``(cameo_code, quad_class, goldstein)`` for a PLOVER type and mode.

    A rule's own CAMEO code wins; otherwise the mode's code, otherwise the type's default.
    """
    row = table()[event_type]
    mode_row = (row.get("modes") or {}).get(mode or "", {})
    return (
        cameo or mode_row.get("cameo") or row["cameo"],
        int(row["quad_class"]),
        float(mode_row.get("goldstein", row["goldstein"])),
    )
