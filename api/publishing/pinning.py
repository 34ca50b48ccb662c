"""Keep the bytes of every translated representation a revision URL has named, so that URL never changes."""

import hashlib
import logging
import os
import tempfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import orjson

from api.build.localize import SOURCE_LOCALE
from api.build.representation import Representation
from api.i18n.negotiate import Negotiation

log = logging.getLogger(__name__)
KEPT_LIMIT = 65536  # revision URLs a worker remembers having archived, before it starts again


@lru_cache(maxsize=4096)
def depends_on_catalogs(negotiation: Negotiation) -> bool:
    """Say whether a catalog can change what this negotiation serves (a new one, for an unsupported tag)."""
    return negotiation.unsupported or any(tag != SOURCE_LOCALE for tag in negotiation.chain)


class PinnedArchive:
    """Representations on disk by their revision URL (…?locale=…&version=…&rev=<ETag>); None keeps nothing."""

    def __init__(self, directory: Path | None):
        self.directory = directory
        self._kept: set[str] = set()  # URLs this process has already made sure are on disk

    def _path(self, url: str) -> Path:
        return self.directory / hashlib.blake2b(url.encode(), digest_size=16).hexdigest()

    def keep(self, url: str, representation: Representation) -> None:
        """Write a representation under its revision URL, once; a full disk is logged, never an error."""
        if self.directory is None or url in self._kept:
            return
        if len(self._kept) >= KEPT_LIMIT:  # bounded already (revision URLs name known tags); bounded again
            self._kept.clear()
        self._kept.add(url)
        target = self._path(url)
        if target.exists():
            return
        header = {
            "url": url,
            "etag": representation.etag,
            "modified": representation.modified.isoformat(),
            "content_language": representation.content_language,
            "media_type": representation.media_type,
        }
        partial = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.directory, delete=False) as partial:
                partial.write(orjson.dumps(header) + b"\n" + representation.body)
            os.replace(partial.name, target)
        except OSError as error:  # not retried by this process, so a full disk logs once per URL
            log.warning("could not archive %s: %s", url, error)
            if partial is not None:
                Path(partial.name).unlink(missing_ok=True)

    def find(self, url: str) -> Representation | None:
        """Return the representation archived under this revision URL, or None."""
        if self.directory is None:
            return None
        try:
            raw = self._path(url).read_bytes()
        except OSError:
            return None
        line, _, body = raw.partition(b"\n")
        try:
            header = orjson.loads(line)
            if header["url"] != url:
                return None
            modified = datetime.fromisoformat(header["modified"])
            return Representation(body, header["etag"], modified, header["content_language"], header["media_type"])
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            log.warning("ignoring a damaged archive entry for %s", url)
            return None
