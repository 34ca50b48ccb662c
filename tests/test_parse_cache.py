"""The parse cache returns what parsing returned, keyed by bytes, and survives a damaged entry."""

import errno
import os
import tempfile
from pathlib import Path

import pytest

from api.parse_cache import ParseCache


def test_entries_are_keyed_by_the_bytes_and_a_damaged_one_is_parsed_again(tmp_path):
    cache, calls = ParseCache(tmp_path / "c"), []

    def parse(value):
        calls.append(value)
        return {"parsed": value}

    assert cache.get("topic", b"one", lambda: parse(1)) == {"parsed": 1}
    assert cache.get("topic", b"one", lambda: parse(2)) == {"parsed": 1}  # cached: not parsed again
    assert cache.get("topic", b"two", lambda: parse(3)) == {"parsed": 3}  # other bytes, other entry
    assert cache.get("catalog", b"one", lambda: parse(4)) == {"parsed": 4}  # other kind, other entry
    for entry in (tmp_path / "c").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cache.get("topic", b"one", lambda: parse(5)) == {"parsed": 5}
    assert calls == [1, 3, 4, 5]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_cache_that_cannot_be_written_still_returns_what_parsing_returned(tmp_path, monkeypatch, code):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    cache = ParseCache(tmp_path / "c")
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    assert cache.get("topic", b"one", lambda: {"parsed": 1}) == {"parsed": 1}
    assert cache.get("topic", b"two", lambda: {"parsed": 2}) == {"parsed": 2}
    monkeypatch.setattr(Path, "mkdir", refuse)
    assert ParseCache(tmp_path / "elsewhere").get("topic", b"one", lambda: {"parsed": 3}) == {"parsed": 3}
