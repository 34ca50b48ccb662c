"""Headers every response carries, and cross-origin access for the read routes only."""

from flask import Flask, Response, request

from api.http.respond import CORS_HEADERS, SECURITY_HEADERS, ReadyResponse

PREFLIGHT = (
    ("Access-Control-Allow-Methods", "GET, HEAD"),
    ("Access-Control-Allow-Headers", "Accept-Language, If-None-Match, If-Modified-Since"),
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
            response.headers.extend(PREFLIGHT)
    return response


def register_headers(app: Flask) -> None:
    """Send the security and CORS headers on every response."""
    app.after_request(add_headers)
