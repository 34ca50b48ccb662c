"""Locales: what is supported, in which direction, how reviewed, how complete in all and in each topic."""

from flask import Blueprint, request

from api.http.current import current_service
from api.http.respond import send
from api.http.topics import find_version

bp = Blueprint("locales", __name__, url_prefix="/v1")


@bp.get("/locales")
def list_locales():
    """List every supported locale with names, direction, review status and completeness over the library."""
    return send(request._get_current_object(), current_service().store.locales)


@bp.get("/topics/<topic_id>/completeness")
def topic_completeness(topic_id):
    """Return how complete one topic's latest version is in every supported locale."""
    store = current_service().store
    find_version(store, topic_id, None)
    return send(request._get_current_object(), store.topic_locales(topic_id))
