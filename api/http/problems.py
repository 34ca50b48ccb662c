"""RFC 9457 problem details: a typed exception, localized titles and the error handlers."""

import orjson
from flask import Flask, Response, current_app, request
from flask_babel import gettext
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from api.i18n.messages import N_

TITLES = {
    "invalid-parameter": N_("Invalid parameter"),
    "unknown-topic": N_("Unknown topic"),
    "unknown-section": N_("Unknown section"),
    "unknown-version": N_("Unknown version"),
    "not-found": N_("Resource not found"),
    "method-not-allowed": N_("Method not allowed"),
    "bad-request": N_("Bad request"),
    "not-ready": N_("Service not ready"),
    "internal-error": N_("Internal server error"),
    "unknown-locale": N_("Unknown locale"),
    "unknown-revision": N_("Unknown revision"),
    "unauthorized": N_("Authentication required"),
    "forbidden": N_("Not allowed for this locale"),
    "writes-disabled": N_("Catalog publishing is disabled"),
    "revision-conflict": N_("The catalog has changed"),
    "catalog-rejected": N_("The catalog failed its checks"),
    "payload-too-large": N_("Upload too large"),
    "unsupported-media-type": N_("Unsupported media type"),
    "precondition-required": N_("If-Match required"),
    "rate-limited": N_("Too many requests"),
    "insufficient-storage": N_("Insufficient storage"),
    # CDS Hooks 2.0.1: 412 when the service cannot obtain the FHIR data it needs, by prefetch or from fhirServer
    "fhir-data-unavailable": N_("The patient's FHIR data could not be obtained"),
}
STORE_RETRY_AFTER = "5"  # seconds
TYPE_PREFIX = "tag:patient-content-api,2026:problem:"
# Werkzeug's 413 names no limit: ours names the setting an operator changes, and says that nothing was changed.
TOO_LARGE = "The body is larger than this server's limit of {} bytes (MAX_UPLOAD_BYTES); nothing was changed."
SLUG_BY_STATUS = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    503: "not-ready",
}


class Problem(Exception):
    """An error the client caused or should know about, with its problem type."""

    def __init__(self, status: int, slug: str, detail: str, headers=None, **members):
        super().__init__(detail)
        self.status, self.slug, self.detail, self.headers, self.members = status, slug, detail, headers, members


def problem_response(status: int, slug: str, detail: str, headers=None, **members) -> Response:
    """Return an application/problem+json response with a localized title and any extension members."""
    body = {
        "type": TYPE_PREFIX + slug if slug in TITLES else "about:blank",
        "title": gettext(TITLES.get(slug, TITLES["internal-error"])),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **members,
    }
    response = Response(orjson.dumps(body), status, headers, mimetype="application/problem+json")
    response.headers["Cache-Control"] = "no-store"
    if "locale" not in request.args:
        response.vary.add("Accept-Language")
    return response


def handle_problem(error: Problem) -> Response:
    """Render a Problem raised by a view."""
    return problem_response(error.status, error.slug, error.detail, error.headers, **error.members)


def handle_http_exception(error: HTTPException) -> Response:
    """Render Werkzeug's HTTP errors (404 routes, 405, 400) as problems, keeping their headers."""
    status = error.code or 500
    slug = SLUG_BY_STATUS.get(status, "internal-error" if status >= 500 else "bad-request")
    kept = [(k, v) for k, v in error.get_headers() if k.lower() == "allow"]
    detail = TOO_LARGE.format(current_app.config["MAX_CONTENT_LENGTH"]) if status == 413 else error.description or ""
    return problem_response(status, slug, detail, kept)


def handle_unexpected(error: Exception) -> Response:
    """Render anything unexpected as a 500 problem without leaking internals."""
    current_app.logger.exception("unhandled error on %s", request.path)
    return problem_response(500, "internal-error", "The server could not answer this request.")


def handle_store_down(error: DBAPIError) -> Response:
    """Render a store that cannot be reached (a restart, a failover) as a 503 problem to retry."""
    current_app.logger.warning("store unavailable on %s: %s", request.path, str(error).splitlines()[0])
    detail = "The server's store is unavailable; nothing was changed. Try again later."
    return problem_response(503, "not-ready", detail, {"Retry-After": STORE_RETRY_AFTER})


def register_error_handlers(app: Flask) -> None:
    """Make every error an RFC 9457 problem."""
    app.register_error_handler(Problem, handle_problem)
    app.register_error_handler(DBAPIError, handle_store_down)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
