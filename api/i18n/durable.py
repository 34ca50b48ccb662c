"""Write, append, truncate and remove files so that once a call returns, a crash cannot undo it.

Every change goes through the os module's own calls (open, write, fsync, replace, truncate, unlink), and
each is made durable (the file, then its directory) before returning. Tests count these very calls to
stop a publish after any one of them.
"""

import os
from contextlib import suppress
from pathlib import Path


def sync_directory(directory: Path) -> None:
    """Make the entries of a directory (a new name, a rename, a removal) durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        view = view[os.write(fd, view) :]


def _write_durably(path: Path, raw: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | mode, 0o644)
    try:
        _write_all(fd, raw)
        os.fsync(fd)
    finally:
        os.close(fd)
    sync_directory(path.parent)


def write_synced(path: Path, raw: bytes) -> None:
    """Create or overwrite a file with raw, and make its bytes and its name durable."""
    _write_durably(path, raw, os.O_TRUNC)


def write_atomically(path: Path, raw: bytes) -> None:
    """Replace a file so that a crash at any moment leaves the old bytes or the new, whole."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        write_synced(partial, raw)
        os.replace(partial, path)
    except OSError:
        with suppress(OSError):  # else a leftover dot-file, never read
            os.unlink(partial)
        raise
    sync_directory(path.parent)


def append_synced(path: Path, raw: bytes) -> None:
    """Append raw to a file (created if missing) and make it durable."""
    _write_durably(path, raw, os.O_APPEND)


def truncate_synced(path: Path, size: int) -> None:
    """Cut a file back to size bytes, if it is longer, durably."""
    if path.exists() and path.stat().st_size > size:
        fd = os.open(path, os.O_WRONLY)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_synced(path: Path) -> None:
    """Remove a file if it exists, durably."""
    if path.exists():
        os.unlink(path)
        sync_directory(path.parent)
