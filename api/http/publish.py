"""Publishing a catalog: who may write a locale, what a write must be based on, and the publish itself."""

from datetime import UTC, datetime

import orjson
from flask import Response, current_app, request

from api.http.current import current_service
from api.http.preconditions import require_current, required_if_match
from api.http.problems import STORE_RETRY_AFTER, Problem
from api.i18n.limits import LIMIT_RULES
from api.i18n.repository import RevisionConflict, stamp_revision_date
from api.publishing.tokens import Token, identify
from api.publishing.uploads import inspect_upload
from api.store.writes import StoreUnavailable, publish_catalog

SEND_TOKEN = "Send your translator token as Authorization: Bearer <token>."
UNRECOGNISED = "The bearer token was not recognised: check it, or ask the operator to add yours to TRANSLATOR_TOKENS."


def json_response(body, status=200, etag=None) -> Response:
    """Return a JSON response for the translator routes (not the patient read path)."""
    response = Response(orjson.dumps(body), status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    if etag:
        response.set_etag(etag)
    return response


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
