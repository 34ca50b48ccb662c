"""Headers every response carries, and cross-origin access per route family: reads, CDS Hooks, none for writes."""

from flask import Flask, Response, request

from api.http.respond import CORS_HEADERS, SECURITY_HEADERS, ReadyResponse

PREFLIGHT = (
    ("Access-Control-Allow-Methods", "GET, HEAD"),
    ("Access-Control-Allow-Headers", "Accept-Language, If-None-Match, If-Modified-Since"),
    ("Access-Control-Max-Age", "86400"),
)
# CDS Hooks 2.0.1 asks services to answer browser-based clients (the CDS Hooks Sandbox is one): discovery by GET,
# the service by POST with a JSON body and the EHR's bearer token. No cookie is ever read, so * stays safe.
CDS_PREFIX = "/cds-services"
CDS_PREFLIGHT = (
    ("Access-Control-Allow-Methods", "GET, HEAD, POST"),
    ("Access-Control-Allow-Headers", "Accept, Accept-Language, Authorization, Content-Type, If-None-Match"),
    ("Access-Control-Max-Age", "86400"),
)
WRITE_PREFIX = "/v1/catalogs"  # translators' routes: no CORS, so no browser page can drive them


def is_read_route(path: str) -> bool:
    """Say whether a path is open to every origin."""
    return not path.startswith(WRITE_PREFIX)


def add_headers(response: Response) -> Response:
    """Add the security headers, and CORS on read routes (ready responses already carry both)."""
    if isinstance(response, ReadyResponse):
        return response
    response.headers.extend(SECURITY_HEADERS)
    if is_read_route(request.path):
        response.headers.extend(CORS_HEADERS)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response.headers.extend(CDS_PREFLIGHT if request.path.startswith(CDS_PREFIX) else PREFLIGHT)
    return response


def register_headers(app: Flask) -> None:
    """Send the security and CORS headers on every response."""
    app.after_request(add_headers)
