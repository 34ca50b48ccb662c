"""Offline sync: a bundle per locale, gzip-compressed for clients that accept it, and the changes feed."""

import orjson
from flask import Blueprint, Response, current_app, request

from api.build.cursor import CursorError
from api.build.offline import build_bundle, changes_page
from api.http.current import current_service
from api.http.problems import Problem
from api.http.respond import send
from api.publishing.pinning import depends_on_catalogs

bp = Blueprint("offline", __name__, url_prefix="/v1")


@bp.get("/bundles/<bundle_locale>")
def get_bundle(bundle_locale):
    """Return everything an app needs for one locale in one response, with the cursor of that content."""
    service, req = current_service(), request._get_current_object()
    negotiation = service.negotiator.for_tag(bundle_locale)
    if negotiation is None:
        raise Problem(400, "invalid-parameter", "The bundle's locale must be a well-formed BCP 47 tag, like es-MX.")
    bundle = build_bundle(service.store, service.negotiator, negotiation)
    if "gzip" in req.headers.get("Accept-Encoding", ""):
        return send(req, bundle.gzipped, encoding="gzip")
    return send(req, bundle, encoding="identity")


@bp.get("/changes")
def list_changes():
    """Return what the holder of a cursor lacks: (topic, locale, version, catalog revision, URL)."""
    service = current_service()
    args = request.args
    since, raw_limit, raw_locale = args.get("since"), args.get("limit", "500"), args.get("locale")
    if not (raw_limit.isascii() and raw_limit.isdigit() and 1 <= int(raw_limit) <= 5000):
        raise Problem(400, "invalid-parameter", "limit must be an integer from 1 to 5000.")
    scope = None
    if raw_locale is not None:
        negotiation = service.negotiator.for_tag(raw_locale)
        if negotiation is None:
            raise Problem(400, "invalid-parameter", "locale must be a well-formed BCP 47 tag, like es-MX.")
        scope = negotiation.chain[0]
    try:
        body = changes_page(service.store, service.negotiator, since, int(raw_limit), scope)
    except CursorError as error:
        raise Problem(400, "invalid-parameter", f"since: {error}.") from None
    keep_named(service, body["changes"])
    return Response(orjson.dumps(body), mimetype="application/json", headers={"Cache-Control": "no-cache"})


def keep_named(service, changes: list[dict]) -> None:
    """Store the bytes behind each revision URL the feed names, so that it resolves on every replica at once."""
    archive = current_app.extensions["pinned_archive"]
    for change in changes:
        negotiation = service.negotiator.for_tag(change["locale"])
        if depends_on_catalogs(negotiation):
            archive.keep(change["url"], service.store.topic(change["topic"], change["version"], negotiation))
