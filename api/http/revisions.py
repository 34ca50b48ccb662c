"""Name a localized representation by its explicit URL, and serve a pinned revision (?rev=) from the archive."""

import re
from functools import lru_cache
from urllib.parse import quote, urlencode

from flask import Request, current_app

from api.config import cache_entries
from api.http.problems import Problem
from api.i18n.negotiate import Negotiation
from api.publishing.pinning import depends_on_catalogs
from api.render.representation import Representation

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker
REVISION = re.compile(r"[0-9a-f]{32}")


@lru_cache(maxsize=ENTRIES)
def explicit_url(path: str, locale: str, version: int | None, revision: str | None = None, options: tuple = ()) -> str:
    """Return the URL that names this representation without negotiation (and, with a revision, for good).

    options are the other query parameters that chose these bytes, such as (("paper", "a4"),), in order.
    """
    query = {"locale": locale, **({"version": version} if version is not None else {}), **dict(options)}
    return f"{quote(path)}?{urlencode({**query, **({'rev': revision} if revision else {})})}"


def pin(req: Request, representation: Representation, negotiation: Negotiation, version: int | None, options=()):
    """Return (representation, its explicit URL, whether it can never change) for a localized request.

    A translated representation of a version is named for good by its revision URL (rev = its ETag),
    whose bytes the pinned archive keeps; ?rev= serves them, or is a 404 once they are gone. Only a
    request that names the version too is immutable: without it, rev is looked up in the latest.
    """
    args = req.args  # a dict: "in" is cheap, .get is not
    revision = args["rev"] if "rev" in args else None  # noqa: SIM401 (MultiDict.get costs a microsecond)
    pinned = version is not None and "version" in args
    if revision is not None and not REVISION.fullmatch(revision):
        raise Problem(400, "invalid-parameter", "rev must be an ETag's 32 hex digits, as in Content-Location.")
    if version is None or not depends_on_catalogs(negotiation):
        if revision is not None and revision != representation.etag:
            raise Problem(404, "unknown-revision", f"There is no revision {revision} of this; drop rev.")
        return representation, explicit_url(req.path, negotiation.requested, version, None, options), pinned
    if revision is not None and revision != representation.etag:
        url = explicit_url(req.path, negotiation.requested, version, revision, options)
        archived = current_app.extensions["pinned_archive"].find(url)
        if archived is None:
            raise Problem(404, "unknown-revision", f"This service does not have revision {revision}; drop rev.")
        return archived, url, pinned
    url = explicit_url(req.path, negotiation.requested, version, representation.etag, options)
    current_app.extensions["pinned_archive"].keep(url, representation)
    return representation, url, pinned and revision is not None
