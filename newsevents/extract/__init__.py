"""Event extraction engine (placeholder until the engine lands; see issue 3)."""
