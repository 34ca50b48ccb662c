"""Bring the repository's files (content/, translations/) into the store as audited imports."""

import hashlib
import json
import logging
import subprocess
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from api.content.codes import CODES_NAME, load_codes
from api.content.loader import load_library
from api.content.lock import LOCK_NAME
from api.content.walk import iter_units
from api.i18n.catalogs import catalog_path, discover_locales, load_review
from api.i18n.repository import revision_of
from api.i18n.tags import babel_name, describe_through
from api.parse_cache import no_cache
from api.store import schema as t
from api.store.coverage import SOURCE, recount_changed
from api.store.engine import writing
from api.store.rows import review_json
from api.store.state import bump, create, now
from api.store.writes import Publication, apply_catalog, current_revision, refused

log = logging.getLogger(__name__)
IMPORTS = ("import",)  # audit actions that came from the files; anything else is an HTTP publish
BATCH = 200  # topic versions inserted per statement batch


class ImportConflict(Exception):
    """The store holds an HTTP publish that the files do not contain."""


def git_actor(directory: Path) -> str:
    """Return "git:<commit>" for the checkout holding directory, or "files" outside git."""
    try:
        found = subprocess.run(["git", "rev-parse", "HEAD"], cwd=directory, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "files"
    return f"git:{found.stdout.strip()}" if found.returncode == 0 and found.stdout.strip() else "files"


def _digest(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _stat(path: Path):
    return path.stat() if path.exists() else None


def _read(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def _source_digest(connection: Connection, name: str) -> str | None:
    return connection.execute(select(t.sources.c.digest).where(t.sources.c.name == name)).scalar()


def _remember(connection: Connection, name: str, digest: str) -> None:
    connection.execute(delete(t.sources).where(t.sources.c.name == name))
    connection.execute(insert(t.sources).values(name=name, digest=digest))


def import_content(connection: Connection, content_dir: Path, actor: str, cache=no_cache) -> int:
    """Add topic versions the store lacks and replace the codes index; return how many versions were added."""
    fingerprint = _digest(_read(content_dir / LOCK_NAME), _read(content_dir / CODES_NAME))
    if _source_digest(connection, "content") == fingerprint:
        return 0
    library = load_library(content_dir, cache)
    codes = load_codes(content_dir, library)
    have = set(connection.execute(select(t.topics.c.topic_id, t.topics.c.version)).all())
    added = [v for versions in library.values() for v in versions if (v.topic, v.version) not in have]
    sequence = bump(connection)
    for batch in (added[i : i + BATCH] for i in range(0, len(added), BATCH)):  # few round trips, bounded memory
        connection.execute(insert(t.topics), [
            {"topic_id": v.topic, "version": v.version, "name": f"{v.topic}/{v.version}.yaml", "title": v.title,
             "published": v.published.isoformat(), "raw": Path(v.path).read_bytes()} for v in batch])  # fmt: skip
        connection.execute(insert(t.units), [
            {"topic_id": v.topic, "version": v.version, "position": i, "context": u.context, "english": u.text,
             "grp": u.group} for v in batch for i, u in enumerate(iter_units(v))])  # fmt: skip
    recount_changed(connection, None, {v.topic for v in added})  # the new versions' counts, in every locale
    connection.execute(delete(t.codes))
    rows = [{"topic_id": tid, "position": i, "system": c.system.name, "code": c.code, "display": c.display}
            for tid, codings in codes.by_topic.items() for i, c in enumerate(codings)]  # fmt: skip
    if rows:
        connection.execute(insert(t.codes), rows)
    changed = sorted({topic.topic for topic in added} | set(codes.by_topic))
    if changed:
        connection.execute(insert(t.changes), [{"sequence": sequence, "locale": "en", "topic_id": c} for c in changed])
    counts = json.dumps({"added": len(added)})
    record = {"sequence": sequence, "locale": "en", "action": "import", "actor": actor, "before": ""}
    connection.execute(insert(t.audit).values(**record, after=fingerprint[:16], at=now(), counts=counts))
    _remember(connection, "content", fingerprint)
    return len(added)


def import_catalog(connection: Connection, translations_dir: Path, tag: str, actor: str, force: bool) -> bool:
    """Import one locale's PO file and review record; return whether anything changed."""
    path, review_path = catalog_path(translations_dir, tag), translations_dir / babel_name(tag) / "review.yaml"
    seen = "/".join(f"{s.st_size}:{s.st_mtime_ns}" for f in (path, review_path) if (s := _stat(f)))
    if _source_digest(connection, f"catalog:{tag}") == seen and not force:
        return False  # the files are as last imported: no need to read them (a quick start at 30 locales)
    _remember(connection, f"catalog:{tag}", seen)
    raw = path.read_bytes()
    review_raw = review_path.read_bytes() if review_path.exists() else None
    review = load_review(review_path)
    before = current_revision(connection, tag)
    stored_review = connection.execute(select(t.catalogs.c.review).where(t.catalogs.c.locale == tag)).scalar()
    if before == revision_of(raw) and stored_review == review_json(review):
        return False
    a = t.audit.c
    last = connection.execute(
        select(a.action, a.actor, a.at).where(a.locale == tag).order_by(a.id.desc()).limit(1)
    ).first()
    if before and before != revision_of(raw) and last is not None and last.action not in IMPORTS and not force:
        raise ImportConflict(
            f"{tag}: revision {before}, published by {last.actor} at {last.at}, "
            "is not in the files: export it (flask catalogs export), or import with --force"
        )
    record = Publication(tag, "import", actor, before or "", revision_of(raw))
    apply_catalog(connection, record, raw, review, review_raw, str(path))
    return True


def fill(engine: Engine, content_dir: Path, translations_dir: Path, cache=no_cache, force=False, strict=True,
         parts=("content", "catalogs")) -> dict:  # fmt: skip
    """Create the store if needed and import what changed in the files, in one transaction; return counts."""
    actor, done = git_actor(content_dir), {"topics": 0, "catalogs": [], "conflicts": []}
    try:
        with writing(engine, fill_lock=True) as connection:
            create(connection)
            if "content" in parts:
                done["topics"] = import_content(connection, content_dir, actor, cache)
            for tag in discover_locales(translations_dir) if "catalogs" in parts else ():
                try:
                    if import_catalog(connection, translations_dir, tag, actor, force):
                        done["catalogs"].append(tag)
                except ImportConflict as conflict:
                    if strict:
                        raise
                    log.warning("kept the store's catalog: %s", conflict)
                    done["conflicts"].append(str(conflict))
        if engine.dialect.name == "postgresql" and (done["topics"] or done["catalogs"]):
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE"))  # the planner's statistics, before the first indexed read
    except DBAPIError as error:
        raise refused(error) from None
    describe_through(cache, [SOURCE, *discover_locales(translations_dir)])  # at import and at start: no CLDR read
    return done
