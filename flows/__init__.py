"""Prefect flows: each reads like a table of contents of tasks (see prefect.yaml for deployments)."""
