"""Write a prebuilt representation: conditional GET, caching and negotiation headers."""

from functools import lru_cache
from urllib.parse import urlencode

from flask import Request, Response, current_app
from werkzeug.http import parse_date, parse_etags, remove_entity_headers

from api.representation import Representation

IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))
CORS_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "ETag, Last-Modified, Content-Language, Content-Location"),
)


class ReadyResponse(Response):
    """A response whose headers were computed once, in their final form."""

    automatically_set_content_length = False
    default_mimetype = None  # a 304 has no body, so no Content-Type

    def get_wsgi_headers(self, environ):
        """Return the headers as built: Content-Length and Content-Location are already right."""
        return self.headers


@lru_cache(maxsize=16384)
def ready_headers(
    representation: Representation,
    cache_control: str,
    location: str | None,
    negotiated: bool,
    encoding: str | None,
    extra: tuple = (),
) -> tuple[list, list]:
    """Return the header lists of the 200 and of the 304 for one representation in one context."""
    headers = [
        ("ETag", f'"{representation.etag}"'),
        ("Cache-Control", cache_control),
        ("Last-Modified", representation.last_modified),
    ]
    if representation.content_language:
        headers.append(("Content-Language", representation.content_language))
    vary = [name for name, on in (("Accept-Language", negotiated), ("Accept-Encoding", encoding)) if on]
    if vary:
        headers.append(("Vary", ", ".join(vary)))
    if location:
        headers.append(("Content-Location", location))
    headers += [*SECURITY_HEADERS, *CORS_HEADERS, *extra]  # every ready response is a read route
    full = [*headers, ("Content-Type", representation.media_type), ("Content-Length", str(len(representation.body)))]
    if encoding and encoding != "identity":
        full.append(("Content-Encoding", encoding))
    not_modified = list(headers)
    remove_entity_headers(not_modified)
    return full, not_modified


@lru_cache(maxsize=16384)
def explicit_url(path: str, locale: str, version: int | None) -> str:
    """Return the URL that names this representation without negotiation."""
    query = {"locale": locale, **({"version": version} if version is not None else {})}
    return f"{path}?{urlencode(query)}"


def not_modified_since(environ: dict, representation: Representation) -> bool:
    """Apply RFC 9110 13.1: If-None-Match (weak comparison) first, else If-Modified-Since."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return parse_etags(if_none_match).contains_weak(representation.etag)
    since = parse_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
    return since is not None and representation.modified <= since


def send(
    req: Request,
    representation: Representation,
    *,
    locale=None,
    version=None,
    encoding=None,
    cache_control=None,
    extra: tuple = (),
) -> Response:
    """Return the representation, or a 304 when If-None-Match matches its ETag.

    locale and version name the explicit URL of a localized, versioned representation:
    the response then says where that URL is and whether Accept-Language chose it. encoding names
    the content coding the client's Accept-Encoding chose ("identity" for none). cache_control overrides
    the version rule; extra headers (such as a Content-Security-Policy) go on the 200 and the 304.
    """
    args = req.args
    if cache_control is None:
        cache_control = IMMUTABLE if "version" in args else current_app.config["LATEST_CACHE_CONTROL"]
    location = explicit_url(req.path, locale, version) if locale is not None else None
    negotiated = locale is not None and "locale" not in args
    full, not_modified = ready_headers(representation, cache_control, location, negotiated, encoding, extra)
    if not_modified_since(req.environ, representation):
        return ReadyResponse(None, 304, not_modified)
    return ReadyResponse(representation.body, 200, full)
