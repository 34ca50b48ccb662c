"""Offline sync: a bundle per locale a page at a time, gzip-compressed when accepted, and the changes feed."""

import re

import orjson
from flask import Blueprint, Response, current_app, request

from api.http.current import current_service
from api.http.encodings import content_coding
from api.http.problems import Problem
from api.http.respond import send
from api.publishing.pinning import depends_on_catalogs
from api.render.cursor import MAX_CURSOR, CursorError, decode_cursor
from api.render.listings import TOPIC_ID
from api.render.offline import BUNDLE_PAGE, PAGE_TOKEN, build_bundle, changes_page

bp = Blueprint("offline", __name__, url_prefix="/v1")
MAX_TOPICS = 200  # topic ids in one ?topics= subscription
TOPICS = re.compile(rf"{TOPIC_ID}(,{TOPIC_ID}){{0,{MAX_TOPICS - 1}}}")
MAX_BUNDLE_PAGE = 200
MAX_PAGE_TOKEN = 300


def subscribed(store, raw: str | None) -> tuple[str, ...] | None:
    """Return the sorted topic ids of ?topics= (None: the whole library), or raise a 400 naming what is wrong."""
    if raw is None:
        return None
    if len(raw) > MAX_TOPICS * 101:
        raise Problem(400, "invalid-parameter", f"topics may name at most {MAX_TOPICS} topics.")
    ids = sorted(set(raw.split(",")))
    if not TOPICS.fullmatch(raw) or len(ids) > MAX_TOPICS:
        raise Problem(400, "invalid-parameter", f"topics must name 1 to {MAX_TOPICS} topic ids, comma-separated.")
    unknown = [topic_id for topic_id in ids if topic_id not in store.library]
    if unknown:
        named = ", ".join(repr(t) for t in unknown[:5])
        raise Problem(404, "unknown-topic", f"There is no topic {named}. GET /v1/topics lists them.")
    return tuple(ids)


def whole(raw: str | None, name: str, default: int, most: int) -> int:
    """Return ?name= as an integer from 1 to most, or raise a 400."""
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= most):
        raise Problem(400, "invalid-parameter", f"{name} must be an integer from 1 to {most}.")
    return int(raw)


@bp.get("/bundles/<bundle_locale>")
def get_bundle(bundle_locale):
    """Return a page of what an app needs for one locale, with the cursor of that content and the next page."""
    service, req = current_service(), request._get_current_object()
    negotiation = service.negotiator.for_tag(bundle_locale)
    if negotiation is None:
        raise Problem(400, "invalid-parameter", "The bundle's locale must be a well-formed BCP 47 tag, like es-MX.")
    topics = subscribed(service.store, req.args.get("topics"))
    limit = whole(req.args.get("limit"), "limit", BUNDLE_PAGE, MAX_BUNDLE_PAGE)
    page = req.args.get("page")
    if page is not None and (len(page) > MAX_PAGE_TOKEN or not PAGE_TOKEN.fullmatch(page)):
        raise Problem(400, "invalid-parameter", "page must be a bundle's next link, as the previous page gave it.")
    try:
        bundle = build_bundle(service.store, service.negotiator, negotiation, topics, page, limit)
    except ValueError:
        raise Problem(
            400, "invalid-parameter", "page must be a bundle's next link, as the previous page gave it."
        ) from None
    if content_coding(req.environ.get("HTTP_ACCEPT_ENCODING")) == "gzip":
        return send(req, bundle.gzipped, encoding="gzip")
    return send(req, bundle, encoding="identity")


@bp.get("/changes")
def list_changes():
    """Return what the holder of a cursor lacks: (topic, locale, version, catalog revision, URL)."""
    # Read the publish sequence now (one primary-key read): this replica's reads already return what another
    # replica published, so its list of changes must not lag behind them until its next poll.
    service = current_app.extensions["live"].refresh()
    args = request.args
    since, raw_locale = args.get("since"), args.get("locale")
    limit = whole(args.get("limit"), "limit", 500, 5000)
    if since is not None and len(since) > MAX_CURSOR:
        raise Problem(400, "invalid-parameter", f"since: a cursor is at most {MAX_CURSOR} characters: sync again "
                      "from the bundle.")  # fmt: skip
    scope = None
    if raw_locale is not None:
        negotiation = service.negotiator.for_tag(raw_locale)
        if negotiation is None:
            raise Problem(400, "invalid-parameter", "locale must be a well-formed BCP 47 tag, like es-MX.")
        scope = negotiation.chain[0]
    topics = subscribed(service.store, args.get("topics"))
    try:
        held = decode_cursor(since) if since else None
        body = changes_page(service.store, service.negotiator, held, limit, scope, topics)
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
