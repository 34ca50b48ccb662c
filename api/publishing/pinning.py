"""Keep the bytes of every translated representation a revision URL has named, in the store, so that URL never
changes and resolves on every replica."""

import hashlib
import logging
from datetime import datetime
from functools import lru_cache

import orjson
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from api.i18n.negotiate import Negotiation
from api.render.localize import SOURCE_LOCALE
from api.render.representation import Representation
from api.store import schema as t
from api.store.engine import writing

log = logging.getLogger(__name__)
KEPT_LIMIT = 65536  # revision URLs a worker remembers having archived, before it starts again


@lru_cache(maxsize=4096)
def depends_on_catalogs(negotiation: Negotiation) -> bool:
    """Say whether a catalog can change what this negotiation serves (a new one, for an unsupported tag)."""
    return negotiation.unsupported or any(tag != SOURCE_LOCALE for tag in negotiation.chain)


def url_key(url: str) -> str:
    """Return the store's key for a revision URL."""
    return hashlib.blake2b(url.encode(), digest_size=16).hexdigest()


class PinnedArchive:
    """Representations in the store by their revision URL (…?locale=…&version=…&rev=<ETag>); None keeps nothing."""

    def __init__(self, engine: Engine | None):
        self.engine = engine
        self._kept: set[str] = set()  # URLs this process has already made sure are stored

    def keep(self, url: str, representation: Representation) -> None:
        """Store a representation under its revision URL, once; a failing store is logged, never an error."""
        if self.engine is None or url in self._kept:
            return
        if len(self._kept) >= KEPT_LIMIT:  # bounded already (revision URLs name known tags); bounded again
            self._kept.clear()
        self._kept.add(url)
        header = {
            "etag": representation.etag,
            "modified": representation.modified and representation.modified.isoformat(),
            "content_language": representation.content_language,
            "media_type": representation.media_type,
        }
        row = {"key": url_key(url), "url": url, "header": orjson.dumps(header).decode(), "body": representation.body}
        try:
            with writing(self.engine) as connection:  # SQLite's write lock up front: a busy store waits, not fails
                if connection.execute(select(t.pinned.c.key).where(t.pinned.c.key == row["key"])).first() is None:
                    connection.execute(insert(t.pinned).values(**row))
        except IntegrityError:
            pass  # another replica stored it first: the same bytes
        except DBAPIError as error:  # tried again on the URL's next request: it was handed out, so it must stay
            self._kept.discard(url)
            log.warning("could not archive %s: %s", url, str(error).splitlines()[0])

    def find(self, url: str) -> Representation | None:
        """Return the representation stored under this revision URL, or None."""
        if self.engine is None:
            return None
        p = t.pinned.c
        try:
            with self.engine.connect() as connection:
                found = connection.execute(select(p.url, p.header, p.body).where(p.key == url_key(url))).first()
        except DBAPIError as error:
            log.warning("could not read the archive for %s: %s", url, str(error).splitlines()[0])
            return None
        if found is None or found.url != url:
            return None
        try:
            header = orjson.loads(found.header)
            modified = header["modified"] and datetime.fromisoformat(header["modified"])
            language, media_type = header["content_language"], header["media_type"]
            return Representation(found.body, header["etag"], modified, language, media_type)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            log.warning("ignoring a damaged archive entry for %s", url)
            return None
