"""Name catalog revisions, stamp when they were published, and say when a publish lost a race.

Publishing itself is one transaction of the store (api/store/writes.py): its atomicity replaced the
journal of fsynced files this module kept.
"""

import hashlib
import re
from datetime import datetime


class RevisionConflict(Exception):
    """The catalog changed since the revision the client based its upload on."""


def revision_of(raw: bytes) -> str:
    """Return the short content hash that names a catalog revision."""
    return hashlib.sha256(raw).hexdigest()[:16]


REVISION_DATE = re.compile(rb'^"PO-Revision-Date: [^"\\]*\\n"$', re.MULTILINE)


def stamp_revision_date(raw: bytes, when: datetime) -> bytes:
    """Set the PO-Revision-Date header to the moment of publishing, so change feeds see it."""
    line = f'"PO-Revision-Date: {when.strftime("%Y-%m-%d %H:%M%z")}\\n"'.encode()
    if REVISION_DATE.search(raw):
        return REVISION_DATE.sub(lambda _: line, raw, count=1)
    return raw.replace(b'msgstr ""\n', b'msgstr ""\n' + line + b"\n", 1)
