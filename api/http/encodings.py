"""Choose a response's content coding from Accept-Encoding, q-values read as RFC 9110 12.5.3 says."""

from functools import lru_cache

from werkzeug.datastructures import Accept
from werkzeug.http import parse_accept_header

ALIASES = {"x-gzip": "gzip"}  # RFC 9110 8.4.1.3: x-gzip is gzip


@lru_cache(maxsize=1024)
def content_coding(header: str | None) -> str:
    """Return "gzip" when the client accepts gzip and ranks no coding at all above it, else "identity".

    A coding the header names gets its own q-value, any other gets *'s. Identity is acceptable unless refused
    (identity;q=0, or *;q=0 with identity unnamed), and unranked when neither names it, so "gzip;q=0.5" is gzip.
    q=0 means "not acceptable", never "least preferred".
    """
    if header is None:
        return "identity"  # no preference stated: the bytes as they are
    qualities = {}
    for value, quality in parse_accept_header(header, Accept):
        coding = ALIASES.get(value.lower(), value.lower())
        qualities[coding] = max(quality, qualities.get(coding, 0))
    star = qualities.get("*")
    gzip = qualities.get("gzip", star or 0)
    identity = qualities.get("identity", star or 0)
    return "gzip" if gzip > 0 and gzip >= identity else "identity"
