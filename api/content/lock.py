"""The lock file of published versions: `<sha256>  <topic>/<version>.yaml` lines, as sha256sum writes them.

`cd content && sha256sum -c versions.lock` checks it with the standard tool.
"""

import hashlib
from pathlib import Path

LOCK_NAME = "versions.lock"


def file_digest(raw: bytes) -> str:
    """Return the hex SHA-256 of a version file's bytes."""
    return hashlib.sha256(raw).hexdigest()


def read_lock(content_dir: Path) -> dict[str, str]:
    """Return {"<topic>/<version>.yaml": hex digest} for every published version."""
    path = content_dir / LOCK_NAME
    if not path.exists():
        return {}
    entries = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64:
            raise ValueError(f"{path}:{number}: expected '<sha256>  <topic>/<version>.yaml', got {line!r}")
        entries[name] = digest
    return entries


def lock_version(content_dir: Path, name: str, raw: bytes) -> None:
    """Record a newly published version in the lock file."""
    with (content_dir / LOCK_NAME).open("a", encoding="utf-8") as lock:
        lock.write(f"{file_digest(raw)}  {name}\n")


def check_locked(content_dir: Path, path: Path, raw: bytes, lock: dict[str, str]) -> str | None:
    """Return why a version file breaks the lock, or None when it is the published bytes."""
    name = path.relative_to(content_dir).as_posix()
    if name not in lock:
        return f"not in {LOCK_NAME}: publish versions with `flask --app api content publish {path.parent.name}`"
    if lock[name] != file_digest(raw):
        return (
            f"published version was edited (sha256 {file_digest(raw)[:12]}…, locked {lock[name][:12]}…): "
            "a published version never changes; put the edit in draft.yaml and publish a new version"
        )
    return None
