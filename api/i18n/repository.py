"""Publish catalogs atomically, keep every revision for rollback, and log who did what."""

import fcntl
import hashlib
import json
import os
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from api.i18n.catalogs import catalog_path
from api.i18n.tags import babel_name


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


def write_atomically(path: Path, raw: bytes) -> None:
    """Replace a file so that a crash at any moment leaves the old bytes or the new, whole."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with partial.open("wb") as f:
        f.write(raw)
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@dataclass(frozen=True)
class Publication:
    locale: str
    action: str  # "publish" or "restore"
    actor: str
    before: str
    after: str
    counts: dict = field(default_factory=dict)
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


class CatalogRepository:
    """The content catalogs on disk, their archived revisions and the append-only audit log."""

    def __init__(self, translations_dir: Path, history_dir: Path):
        self.translations_dir, self.history_dir = translations_dir, history_dir
        self.audit_log = history_dir / "audit.jsonl"

    def current(self, locale: str) -> bytes:
        """Return the published catalog's bytes."""
        return catalog_path(self.translations_dir, locale).read_bytes()

    def archived(self, locale: str, revision: str) -> bytes | None:
        """Return an archived revision's bytes, or None if there is no such revision."""
        path = self.history_dir / babel_name(locale) / f"{revision}.po"
        return path.read_bytes() if len(revision) == 16 and revision.isalnum() and path.exists() else None

    def _archive(self, locale: str, raw: bytes) -> str:
        revision = revision_of(raw)
        path = self.history_dir / babel_name(locale) / f"{revision}.po"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, raw)
        return revision

    @contextmanager
    def _exclusive(self):
        self.history_dir.mkdir(parents=True, exist_ok=True)
        with (self.history_dir / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # across workers; released by the kernel even on kill -9
            yield

    def publish(self, locale: str, raw: bytes, actor: str, *, if_match=None, action="publish", counts=None):
        """Make raw the locale's catalog, keeping the previous one for rollback; return the Publication."""
        with self._exclusive():
            before_raw = self.current(locale)
            if if_match is not None and revision_of(before_raw) not in if_match:
                raise RevisionConflict(f"the catalog is at revision {revision_of(before_raw)}")
            before, after = self._archive(locale, before_raw), self._archive(locale, raw)
            write_atomically(catalog_path(self.translations_dir, locale), raw)
            record = Publication(locale, action, actor, before, after, counts or {})
            with self.audit_log.open("a", encoding="utf-8") as log:
                log.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
                log.flush()
                os.fsync(log.fileno())
        return record

    def history(self, locale: str) -> list[dict]:
        """Return the locale's publish and restore records, newest first."""
        if not self.audit_log.exists():
            return []
        records = [json.loads(line) for line in self.audit_log.read_text(encoding="utf-8").splitlines() if line]
        return [r for r in reversed(records) if r["locale"] == locale]
