"""The store: everything the service writes or serves beyond git, in SQLite by default or PostgreSQL."""
