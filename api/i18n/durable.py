"""Replace a file in the working tree (a PO file a command rewrites) so that a crash leaves old or new bytes, whole.

The store's transactions keep what is served; this is only for the files that commands write for git.
"""

import os
from contextlib import suppress
from pathlib import Path


def sync_directory(directory: Path) -> None:
    """Make the entries of a directory (a new name, a rename) durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_synced(path: Path, raw: bytes) -> None:
    """Create or overwrite a file with raw, and make its bytes durable."""
    with open(path, "wb") as file:
        file.write(raw)
        file.flush()
        os.fsync(file.fileno())


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
