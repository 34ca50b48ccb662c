"""Locales: what is supported, in which direction, how complete and how reviewed."""

from flask import Blueprint, request

from api.http.current import current_service
from api.http.respond import send

bp = Blueprint("locales", __name__, url_prefix="/v1/locales")


@bp.get("")
def list_locales():
    """List every supported locale with names, direction, review status and completeness."""
    return send(request._get_current_object(), current_service().store.locales)
