"""Publish catalogs crash-consistently, keep every revision for rollback, and log who did what.

A publish journals its intent, then writes the archive, the new catalog beside the live one and the
audit line, each durably, and commits by renaming the catalog into place. Recovery (at start-up and
before each publish) finishes a journalled publish whose rename happened and undoes one whose did not,
so after a crash at any point the catalog, the archive and the audit log agree.
"""

import fcntl
import hashlib
import json
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from api.i18n.catalogs import catalog_path
from api.i18n.durable import append_synced, sync_directory, write_atomically, write_synced
from api.i18n.journal import Journal, audit_line
from api.i18n.tags import babel_name

log = logging.getLogger(__name__)


class RevisionConflict(Exception):
    """The catalog changed since the revision the client based its upload on."""


class StorageError(Exception):
    """The disk refused a write (full, read-only, no permission); the publish was undone."""


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
        self.journal = Journal(history_dir / "journal.json", self.audit_log)  # the publish in progress
        self.recover()

    def current(self, locale: str) -> bytes:
        """Return the published catalog's bytes."""
        return catalog_path(self.translations_dir, locale).read_bytes()

    def _archive_path(self, locale: str, revision: str) -> Path:
        return self.history_dir / babel_name(locale) / f"{revision}.po"

    def archived(self, locale: str, revision: str) -> bytes | None:
        """Return an archived revision's bytes, or None if there is no such revision."""
        path = self._archive_path(locale, revision)
        if not (len(revision) == 16 and revision.isalnum() and path.exists()) or self.journal.undone(path):
            return None
        return path.read_bytes()

    @contextmanager
    def _exclusive(self):
        self.history_dir.mkdir(parents=True, exist_ok=True)
        with (self.history_dir / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # across workers; released by the kernel even on kill -9
            yield

    def publish(self, locale: str, raw: bytes, actor: str, *, if_match=None, action="publish", counts=None):
        """Make raw the locale's catalog, keeping the previous one for rollback; return the Publication."""
        try:
            with self._exclusive():
                self.journal.recover()
                before_raw = self.current(locale)
                if if_match is not None and revision_of(before_raw) not in if_match:
                    raise RevisionConflict(f"the catalog is at revision {revision_of(before_raw)}")
                record = Publication(locale, action, actor, revision_of(before_raw), revision_of(raw), counts or {})
                self._commit(locale, {revision_of(before_raw): before_raw, record.after: raw}, record)
        except OSError as error:
            raise StorageError(os.strerror(error.errno) if error.errno else "storage error") from error
        return record

    def _commit(self, locale: str, revisions: dict[str, bytes], record: Publication) -> None:
        live = catalog_path(self.translations_dir, locale)
        new = [p for r in revisions if not (p := self._archive_path(locale, r)).exists()]
        intent = {"record": asdict(record), "catalog": str(live), "partial": str(live.with_name(f".{live.name}.new")),
                  "archives": [str(p) for p in new],
                  "audit_offset": self.audit_log.stat().st_size if self.audit_log.exists() else 0}  # fmt: skip
        write_atomically(self.journal.path, json.dumps(intent).encode())  # 1. what is about to happen
        try:
            for path in new:  # 2. both revisions in the archive
                if not path.parent.exists():
                    path.parent.mkdir(parents=True)
                    sync_directory(path.parent.parent)
                write_atomically(path, revisions[path.stem])
            write_synced(Path(intent["partial"]), revisions[record.after])  # 3. the new catalog, beside the live one
            append_synced(self.audit_log, audit_line(intent["record"]))  # 4. the audit line
            os.replace(intent["partial"], live)  # 5. the commit point
        except OSError:
            self.journal.undo(intent)
            raise
        try:
            sync_directory(live.parent)  # 6. the rename, durable; then the journal goes
            self.journal.finish(intent)
        except OSError as error:  # committed: the next recovery drops the journal
            log.warning("published, but could not drop the journal yet: %s", error)

    def recover(self) -> None:
        """Finish or undo a publish a crash interrupted (at start-up); a failing disk is logged, not raised."""
        if not self.journal.path.exists():
            return
        try:
            with self._exclusive():
                self.journal.recover()
        except OSError as error:
            log.warning("could not recover an interrupted publish yet: %s", error)

    def history(self, locale: str) -> list[dict]:
        """Return the locale's publish and restore records, newest first (none of an uncommitted publish)."""
        records = []
        for line in self.journal.visible_audit().splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                log.warning("skipping a damaged audit line")
        return [r for r in reversed(records) if r.get("locale") == locale]
