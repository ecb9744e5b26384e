"""User-facing errors: the CLI prints these as one clear line, never as a traceback."""

from __future__ import annotations


class NewsEventsError(Exception):
    """An error a user can act on; ``hint`` says what to do about it."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base}\n  hint: {self.hint}" if self.hint else base


class ConfigError(NewsEventsError):
    """A configuration file or setting is wrong; the message names the file and key."""


class WarehouseError(NewsEventsError):
    """The DuckDB warehouse cannot be opened or written (locked, missing, corrupt, read-only)."""


class ValidationFailed(NewsEventsError):
    """A batch failed a critical data-quality check and was quarantined, not published."""

    exit_code = 3
