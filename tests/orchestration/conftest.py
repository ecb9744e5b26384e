"""Fixtures for the orchestration tests (helpers live in ``orchestration_helpers``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration_helpers import write_seeds


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A temporary seed folder with the distinct articles of the labelled corpus."""
    folder = tmp_path / "seeds"
    write_seeds(folder)
    return folder
