"""Write a prebuilt representation: conditional GET, caching and negotiation headers."""

from functools import lru_cache

from flask import Request, Response, current_app
from werkzeug.datastructures import Headers
from werkzeug.http import parse_etags, remove_entity_headers

from api.config import cache_entries
from api.http.memo import READY
from api.http.revisions import pin
from api.i18n.negotiate import Negotiation
from api.render.representation import Representation

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))
EXPOSED = "ETag, Content-Language, Content-Location, Link, Retry-After, Content-Disposition, Content-Encoding, Vary"
CORS_HEADERS = (("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", EXPOSED))  # reads' headers


class ReadyResponse(Response):
    """A response whose headers were computed once, in their final form."""

    automatically_set_content_length = False
    default_mimetype = None  # a 304 has no body, so no Content-Type

    def __init__(self, body: bytes | None, status: int, headers: list):
        """Wrap prebuilt headers, checked once when built, without werkzeug re-checking each per request."""
        ready = Headers()
        ready._list = list(headers)  # werkzeug's own storage; a copy, so no response can change the cached list
        super().__init__(body, status, ready)

    def get_wsgi_headers(self, environ):
        """Return the headers as built: Content-Length and Content-Location are already right."""
        return self.headers


@lru_cache(maxsize=ENTRIES)
def ready_headers(
    representation: Representation,
    cache_control: str,
    location: str | None,
    negotiated: bool,
    encoding: str | None,
    extra: tuple = (),
) -> tuple[list, list]:
    """Return the header lists of the 200 and of the 304 for one representation in one context."""
    headers = [("ETag", f'"{representation.etag}"'), ("Cache-Control", cache_control)]
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


def not_modified_since(environ: dict, representation: Representation) -> bool:
    """Apply RFC 9110 13.1.2 If-None-Match (weak comparison): the ETag is the only validator we advertise.

    No date is exact (PO-Revision-Date is written to the minute, by hand or by git), so no Last-Modified is sent
    and If-Modified-Since is ignored: it could answer 304 for a fix made in the same minute.
    """
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    return bool(if_none_match) and parse_etags(if_none_match).contains_weak(representation.etag)


def send(
    req: Request,
    representation: Representation,
    *,
    negotiation: Negotiation | None = None,
    version=None,
    encoding=None,
    cache_control=None,
    extra: tuple = (),
    options: tuple = (),
) -> Response:
    """Return the representation, or a 304 when If-None-Match matches its ETag.

    negotiation and version name the explicit URL of a localized, versioned representation: the
    response then says where that URL is and whether Accept-Language chose it. A version's response is
    immutable when no catalog can change it, or when ?rev= pins its translation. encoding names the
    content coding Accept-Encoding chose ("identity" for none). cache_control overrides these rules;
    extra headers (such as a Content-Security-Policy) go on the 200 and the 304; options are the other
    query parameters (name, canonical value) that chose the bytes, kept in the explicit URL.
    """
    location, immutable = None, False
    if negotiation is not None:
        representation, location, immutable = pin(req, representation, negotiation, version, options)
    if cache_control is None:
        cache_control = IMMUTABLE if immutable else current_app.config["LATEST_CACHE_CONTROL"]
    negotiated = negotiation is not None and "locale" not in req.args
    full, not_modified = ready_headers(representation, cache_control, location, negotiated, encoding, extra)
    req.environ[READY] = True  # a function of the request's memo key: ResponseMemo may replay it
    if not_modified_since(req.environ, representation):
        return ReadyResponse(None, 304, not_modified)
    return ReadyResponse(representation.body, 200, full)
