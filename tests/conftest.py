"""Shared fixtures: temporary warehouses and the optional ../shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A warehouse file path in a fresh temporary folder (the file does not exist yet)."""
    return tmp_path / "wh" / "newsevents.duckdb"


@pytest.fixture
def seed_dir() -> Path:
    return REPO / "seeds"


@pytest.fixture
def shared_dir() -> Path:
    """../shared when present; tests that need it skip cleanly otherwise."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
