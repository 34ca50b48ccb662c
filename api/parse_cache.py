"""Keep what parsing a content or catalog file produced, keyed by the file's bytes, so restarts are quick.

A published content version never changes (versions.lock), and a catalog revision is its bytes, so an
entry keyed by the SHA-256 of the bytes (and of this package's code, which decides what parsing
yields) can never be stale. The cache is a private directory of pickles that only this service
writes; delete it at any time.
"""

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class ParseCache:
    """A directory of parse results keyed by (kind, file bytes)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.writable = True  # until a write fails: then this process only reads (a full disk logs once)
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            self._give_up_writing(error)
        package = Path(__file__).resolve().parent
        self.code = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(package.rglob("*.py")))).digest()

    def get(self, kind: str, raw: bytes, parse: Callable[[], T]) -> T:
        """Return the cached result for these bytes, or parse, store and return it."""
        digest = hashlib.sha256(self.code + kind.encode() + b"\0" + raw).hexdigest()
        path = self.directory / f"{kind}-{digest}.pickle"
        try:
            with path.open("rb") as cached:
                return pickle.load(cached)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
        result = parse()
        if self.writable:
            self._store(path, result)
        return result

    def _store(self, path: Path, result) -> None:
        """Write an entry; failing to (a full, read-only or foreign directory) only costs a later parse."""
        partial = None
        try:
            with tempfile.NamedTemporaryFile(dir=self.directory, delete=False) as partial:
                pickle.dump(result, partial, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial.name, path)
        except OSError as error:
            self._give_up_writing(error)
            if partial is not None:
                Path(partial.name).unlink(missing_ok=True)

    def _give_up_writing(self, error: OSError) -> None:
        self.writable = False
        log.warning("parse cache %s is not writable (%s): parsing without storing", self.directory, error.strerror)


def no_cache(kind: str, raw: bytes, parse: Callable[[], T]) -> T:
    """Parse every time (PARSE_CACHE_DIR=off)."""
    return parse()
