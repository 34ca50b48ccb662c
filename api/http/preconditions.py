"""What a translator's write must carry before its body is read: the PO media type and If-Match."""

import re

from flask import request
from werkzeug.datastructures import ETags
from werkzeug.http import parse_etags

from api.http.problems import Problem

PO_TYPE = "text/x-gettext-translation"
# Only the PO type: it is not CORS-safelisted (text/plain, form and multipart types are), so a web page can send
# an upload only after a preflight, and /v1/catalogs answers no preflight. It is also what GET returns.
ACCEPTED_UPLOAD_TYPES = (PO_TYPE,)
# RFC 9110 8.8.3 and 13.1.1: If-Match is "*" or a list of entity-tags, each one quoted (etagc: no space, no DQUOTE).
# ECMA-262 syntax too, so openapi.yaml publishes this very rule, and "*" (a blind overwrite) is outside it.
ENTITY_TAG = r'(?:W/)?"[!#-~\u0080-\u00ff]*"'
ENTITY_TAGS = rf"^[ \t]*{ENTITY_TAG}(?:[ \t]*,[ \t]*{ENTITY_TAG})*[ \t]*$"
_ENTITY_TAGS = re.compile(ENTITY_TAGS)


def require_po_body() -> None:
    """Raise a 415 problem unless the request body is declared as a PO file."""
    if request.mimetype not in ACCEPTED_UPLOAD_TYPES:
        sent = request.mimetype or "no Content-Type"
        raise Problem(415, "unsupported-media-type", f"Send the catalog as Content-Type: {PO_TYPE}, not {sent}.",
                      accepted=list(ACCEPTED_UPLOAD_TYPES))  # fmt: skip


def required_if_match() -> ETags:
    """Return the If-Match entity-tags, or raise a 428 problem when there are none (or only `*`), a 412 when malformed.

    RFC 9110 13.1.1 compares quoted entity-tags: an unquoted value names no revision, so the condition is false.
    """
    value = request.headers.get("If-Match", "").strip()
    if not value or value == "*":
        raise Problem(428, "precondition-required",
                      'Send If-Match: "<revision>", the ETag of the catalog your upload is based on '
                      "(GET /v1/catalogs/{locale}); a write without it could overwrite someone else's.")  # fmt: skip
    if not _ENTITY_TAGS.fullmatch(value):
        detail = 'If-Match names no revision: send the ETag quoted, as GET gave it, like If-Match: "<revision>".'
        raise Problem(412, "revision-conflict", detail)
    return parse_etags(value)


def require_current(if_match: ETags, current: str) -> None:
    """Raise a 412 problem unless If-Match names the current revision (before any body is read or judged)."""
    if current not in if_match:
        detail = f"The catalog is now at revision {current}; GET it, merge, and send its ETag in If-Match."
        raise Problem(412, "revision-conflict", detail)
