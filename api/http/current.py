"""The service this worker answers from, in step with catalogs published by any worker."""

from flask import current_app

from api.render.service import Service


def current_service() -> Service:
    """Return the current Service (a new one after any worker published a catalog)."""
    return current_app.extensions["live"].current()
