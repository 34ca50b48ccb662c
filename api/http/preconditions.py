"""What a translator's write must carry before its body is read: the PO media type and If-Match."""

from flask import request
from werkzeug.datastructures import ETags

from api.http.problems import Problem

PO_TYPE = "text/x-gettext-translation"
# Only the PO type: it is not CORS-safelisted (text/plain, form and multipart types are), so a web page can send
# an upload only after a preflight, and /v1/catalogs answers no preflight. It is also what GET returns.
ACCEPTED_UPLOAD_TYPES = (PO_TYPE,)


def require_po_body() -> None:
    """Raise a 415 problem unless the request body is declared as a PO file."""
    if request.mimetype not in ACCEPTED_UPLOAD_TYPES:
        sent = request.mimetype or "no Content-Type"
        raise Problem(415, "unsupported-media-type", f"Send the catalog as Content-Type: {PO_TYPE}, not {sent}.",
                      accepted=list(ACCEPTED_UPLOAD_TYPES))  # fmt: skip


def required_if_match() -> ETags:
    """Return the If-Match revisions, or raise a 428 problem when the header is missing (or only `*`).

    A value that names no revision (malformed) matches none: the repository answers it with a 412.
    """
    if_match = request.if_match
    if not request.headers.get("If-Match", "").strip() or if_match.star_tag:
        raise Problem(428, "precondition-required",
                      'Send If-Match: "<revision>", the ETag of the catalog your upload is based on '
                      "(GET /v1/catalogs/{locale}); a write without it could overwrite someone else's.")  # fmt: skip
    return if_match
