"""Catalogs for translators: read them, dry-run checks, publish, list revisions, roll back."""

from datetime import UTC, datetime

import orjson
from flask import Blueprint, Response, current_app, request
from werkzeug.routing import BaseConverter

from api.http.current import current_service
from api.http.preconditions import PO_TYPE, require_current, require_po_body, required_if_match
from api.http.problems import STORE_RETRY_AFTER, Problem
from api.i18n.limits import LIMIT_RULES
from api.i18n.repository import RevisionConflict, revision_of, stamp_revision_date
from api.i18n.tags import canonical_tag
from api.publishing.tokens import Token, identify
from api.publishing.uploads import inspect_upload
from api.render.listings import completeness
from api.render.localize import review_body
from api.store.writes import StoreUnavailable, publish_catalog

SEND_TOKEN = "Send your translator token as Authorization: Bearer <token>."
UNRECOGNISED = "The bearer token was not recognised: check it, or ask the operator to add yours to TRANSLATOR_TOKENS."
bp = Blueprint("catalogs", __name__, url_prefix="/v1/catalogs")


class CatalogLocaleConverter(BaseConverter):
    """A path segment naming a catalog's locale: anything but the word "template"."""

    regex = r"(?!template(?![^/]))[^/]+"


bp.record_once(lambda state: state.app.url_map.converters.setdefault("catalog_locale", CatalogLocaleConverter))


def json_response(body, status=200, etag=None) -> Response:
    """Return a JSON response for the translator routes (not the patient read path)."""
    response = Response(orjson.dumps(body), status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    if etag:
        response.set_etag(etag)
    return response


def known_locale(locale: str) -> str:
    """Return the catalog's tag, or raise a 404 problem."""
    tag = canonical_tag(locale)
    if tag is None or tag not in current_service().store.catalogs or tag == "en":
        raise Problem(404, "unknown-locale", f"There is no catalog for {locale!r}. GET /v1/catalogs lists them.")
    return tag


def authorize(locale: str) -> Token:
    """Return the bearer token allowed to write this locale, or raise 401/403."""
    tokens = current_app.extensions["translator_tokens"]
    if not tokens:
        raise Problem(403, "writes-disabled", "Publishing is off: the server has no TRANSLATOR_TOKENS.")
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    sent = scheme.lower() == "bearer" and secret.strip()
    token = identify(tokens, secret.strip()) if sent else None
    if token is None:
        challenge = {"WWW-Authenticate": 'Bearer realm="catalogs"'}
        raise Problem(401, "unauthorized", UNRECOGNISED if sent else SEND_TOKEN, challenge)
    if not token.allows(locale):
        raise Problem(403, "forbidden", f"Token {token.name!r} may not publish {locale!r}.")
    return token


def refuse_over_limits(report) -> None:
    """Raise a 422 problem naming each bound an upload broke, so that it was refused before being read."""
    over = [f"{f.rule}: {f.message}" for f in report.errors if f.rule in LIMIT_RULES]
    if over:
        raise Problem(422, "catalog-rejected", "; ".join(over) + "; nothing was changed.", report=report.as_dict())


def preconditions(locale: str):
    """Return If-Match once it names the current revision; RFC 9110 13.2.2 evaluates it before the body is read."""
    if_match = required_if_match()
    require_current(if_match, current_app.extensions["reads"].catalog_meta(locale).revision)
    return if_match


def publish(locale: str, raw: bytes, token: Token, action: str, name: str, if_match) -> Response:
    """Check, then atomically publish raw as the locale's catalog, and switch every worker to it."""
    report, catalog, changes = inspect_upload(current_service().store, locale, raw, name)
    refuse_over_limits(report)
    if catalog is None:
        raise Problem(422, "catalog-rejected", f"{len(report.errors)} errors; nothing was changed.",
                      report=report.as_dict())  # fmt: skip
    raw = stamp_revision_date(raw, datetime.now(UTC))  # when it was published, for the changes feed
    engine = current_app.extensions["reads"].engine
    try:
        record = publish_catalog(engine, locale, raw, token.name, if_match=if_match, action=action,
                                 counts=changes["counts"])  # fmt: skip
    except RevisionConflict as conflict:
        raise Problem(412, "revision-conflict", f"{conflict}; GET it, merge, and send its ETag in If-Match.") from None
    except StoreUnavailable as error:
        detail = f"The server could not store the catalog ({error}); nothing was changed."
        if error.full:
            raise Problem(507, "insufficient-storage", detail) from None
        raise Problem(503, "not-ready", detail + " Try again later.", {"Retry-After": STORE_RETRY_AFTER}) from None
    current_app.extensions["live"].published()
    body = {"locale": locale, "revision": record.after, "previous_revision": record.before, "action": action,
            "changes": changes, "report": report.as_dict()}  # fmt: skip
    return json_response(body, etag=record.after)


@bp.get("")
def list_catalogs():
    """List every catalog with its revision, review status and completeness."""
    store = current_service().store
    catalogs = [
        {
            "locale": tag,
            "revision": catalog.revision,
            "review": review_body(catalog),
            "fuzzy": catalog.fuzzy,
            "completeness": {t: completeness(store, tag, vs[-1]) for t, vs in store.library.items()},
        }
        for tag, catalog in store.catalogs.items()
        if catalog is not None
    ]
    return json_response({"catalogs": catalogs})


@bp.get("/template")
def get_template():
    """Return the content template (POT) translators start from."""
    raw = (current_app.config["TRANSLATIONS_DIR"] / "content.pot").read_bytes()
    return Response(raw, mimetype=PO_TYPE, headers={"ETag": f'"{revision_of(raw)}"', "Cache-Control": "no-cache"})


@bp.get("/<catalog_locale:locale>")
def get_catalog(locale):
    """Return a locale's published catalog as PO text; its ETag is the revision."""
    tag = known_locale(locale)
    raw = current_app.extensions["reads"].catalog_raw(tag)
    response = Response(raw, mimetype=PO_TYPE, headers={"Cache-Control": "no-cache"})
    response.set_etag(revision_of(raw))
    return response.make_conditional(request)


@bp.post("/<catalog_locale:locale>/checks")
def dry_run(locale):
    """Check an uploaded catalog and say what publishing it would change, without publishing."""
    tag = known_locale(locale)
    require_po_body()
    report, catalog, changes = inspect_upload(current_service().store, tag, request.get_data(), f"upload for {tag}")
    refuse_over_limits(report)
    return json_response({"locale": tag, "publishable": catalog is not None, "report": report.as_dict(),
                          "changes": changes})  # fmt: skip


@bp.put("/<catalog_locale:locale>")
def put_catalog(locale):
    """Publish a catalog (bearer token for the locale; If-Match on the current revision)."""
    tag = known_locale(locale)
    token = authorize(tag)
    require_po_body()
    if_match = preconditions(tag)
    return publish(tag, request.get_data(), token, "publish", f"upload for {tag}", if_match)


@bp.get("/<catalog_locale:locale>/revisions")
def list_revisions(locale):
    """List the locale's publishes and restores, newest first."""
    tag = known_locale(locale)
    reads = current_app.extensions["reads"]
    current = reads.catalog_meta(tag).revision
    return json_response({"locale": tag, "current": current, "revisions": reads.history(tag)})


@bp.post("/<catalog_locale:locale>/revisions/<revision>/restore")
def restore(locale, revision):
    """Publish an archived revision again (the same checks and rules as a PUT)."""
    tag = known_locale(locale)
    token = authorize(tag)
    raw = current_app.extensions["reads"].catalog_raw(tag, revision)
    if raw is None or revision == "":
        raise Problem(404, "unknown-revision", f"{tag!r} has no archived revision {revision!r}.")
    return publish(tag, raw, token, "restore", f"revision {revision} of {tag}", preconditions(tag))
