"""Offline sync: a bundle per locale, gzip-compressed for clients that accept it, and the changes feed."""

import orjson
from flask import Blueprint, Response, request

from api.build.offline import CursorError, build_bundle, changes_page
from api.http.current import current_service
from api.http.problems import Problem
from api.http.respond import send

bp = Blueprint("offline", __name__, url_prefix="/v1")


@bp.get("/bundles/<bundle_locale>")
def get_bundle(bundle_locale):
    """Return everything an app needs for one locale in one response."""
    service, req = current_service(), request._get_current_object()
    negotiation = service.negotiator.for_tag(bundle_locale)
    if negotiation is None:
        raise Problem(400, "invalid-parameter", "The bundle's locale must be a well-formed BCP 47 tag, like es-MX.")
    bundle = build_bundle(service.store, negotiation)
    if "gzip" in req.headers.get("Accept-Encoding", ""):
        return send(req, bundle.gzipped, encoding="gzip")
    return send(req, bundle, encoding="identity")


@bp.get("/changes")
def list_changes():
    """Return what changed since a cursor: (topic, locale, version, catalog revision), oldest first."""
    since, raw_limit = request.args.get("since"), request.args.get("limit", "500")
    if not (raw_limit.isascii() and raw_limit.isdigit() and 1 <= int(raw_limit) <= 5000):
        raise Problem(400, "invalid-parameter", "limit must be an integer from 1 to 5000.")
    try:
        body = changes_page(current_service().store, since, int(raw_limit))
    except CursorError as error:
        raise Problem(400, "invalid-parameter", f"since: {error}.") from None
    return Response(orjson.dumps(body), mimetype="application/json", headers={"Cache-Control": "no-cache"})
