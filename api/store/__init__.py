"""The store: everything the service writes or serves beyond git, in SQLite by default or PostgreSQL."""

from api.store import coverage  # noqa: F401 (its table joins the schema before any store is created)
