"""The journal of the catalog publish in progress: finish it if its rename happened, else undo it."""

import hashlib
import json
import logging
from pathlib import Path

from api.i18n.durable import append_synced, remove_synced, truncate_synced

log = logging.getLogger(__name__)


def audit_line(record: dict) -> bytes:
    """Return the audit log's line for a publication record."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()


def audit_bytes(audit_log: Path) -> bytes:
    """Return the audit log's bytes (none before the first publish)."""
    try:
        return audit_log.read_bytes()
    except FileNotFoundError:
        return b""


class Journal:
    """One publish's intent on disk: its record, catalog, staged file, new archive files and audit offset."""

    def __init__(self, path: Path, audit_log: Path):
        self.path, self.audit_log = path, audit_log

    def pending(self) -> dict | None:
        """Return the intent of a publish that has not finished, or None."""
        try:
            return json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None

    @staticmethod
    def committed(intent: dict) -> bool:
        """Say whether the publish reached its commit point: the live catalog is the new revision."""
        raw = Path(intent["catalog"]).read_bytes()
        return hashlib.sha256(raw).hexdigest()[:16] == intent["record"]["after"]

    def finish(self, intent: dict) -> None:
        """Make sure a committed publish's audit line is there, then drop its journal."""
        line, offset = audit_line(intent["record"]), intent["audit_offset"]
        if audit_bytes(self.audit_log)[offset : offset + len(line)] != line:
            truncate_synced(self.audit_log, offset)
            append_synced(self.audit_log, line)
        remove_synced(Path(intent["partial"]))
        remove_synced(self.path)

    def undo(self, intent: dict) -> None:
        """Undo every step of a publish that never reached its commit point (best effort on a failing disk)."""
        steps = [lambda: truncate_synced(self.audit_log, intent["audit_offset"]),
                 lambda: remove_synced(Path(intent["partial"])),
                 *(lambda p=p: remove_synced(Path(p)) for p in intent["archives"]),
                 lambda: remove_synced(self.path)]  # fmt: skip
        for step in steps:
            try:
                step()
            except OSError as error:  # the journal stays, so the next recovery tries again
                log.warning("could not undo a failed publish yet: %s", error)

    def recover(self) -> None:
        """Finish or undo a publish a crash interrupted, so the catalog, archive and audit log agree."""
        intent = self.pending()
        if intent is None:
            return
        if self.committed(intent):
            log.warning("finishing publish %s after a crash", intent["record"]["after"])
            self.finish(intent)
        else:
            log.warning("undoing publish %s that a crash interrupted", intent["record"]["after"])
            self.undo(intent)

    def undone(self, archive: Path) -> bool:
        """Say whether an archive file belongs to a publish that never committed (and is to be removed)."""
        intent = self.pending()
        return intent is not None and str(archive) in intent["archives"] and not self.committed(intent)

    def visible_audit(self) -> bytes:
        """Return the audit log without the line of a publish that has not committed."""
        raw = audit_bytes(self.audit_log)
        intent = self.pending()
        if intent is not None and not self.committed(intent):
            raw = raw[: intent["audit_offset"]]
        return raw
