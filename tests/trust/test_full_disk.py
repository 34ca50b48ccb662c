"""A full disk under the catalog history and archive: a publish gets a 507 and nothing served changes.

The test mounts a 2 MiB tmpfs (it needs root, as in CI). Where mounting is not allowed, it is skipped
with the reason: that is the documented fallback (tests/README.md, "Trust suite").
"""

import errno
import subprocess

import pytest
import requests

from tests.conftest import stop_gunicorn
from tests.tokens import AUTH
from tests.trust.conftest import SUMMARY, catalog_digest, launch, record_fault
from tests.trust.test_faults import snapshot
from tests.trust.test_publish_load import toggled

pytestmark = pytest.mark.trust


def fill(directory) -> int:
    """Write a file into directory until the disk is full; return the bytes written."""
    written, chunk = 0, b"\0" * 65536
    with (directory / "filler").open("wb", buffering=0) as f:
        for _ in range(10_000):  # bounded: 640 MiB at most, far more than the 2 MiB mount
            try:
                written += f.write(chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC
                return written
    raise AssertionError("the disk never filled")


def publish(base: str) -> requests.Response:
    """PUT a valid change to the Spanish catalog, on its current revision."""
    current = requests.get(base + "/v1/catalogs/es", timeout=30)
    headers = {**AUTH, "If-Match": current.headers["ETag"], "Content-Type": "text/x-gettext-translation"}
    return requests.put(base + "/v1/catalogs/es", data=toggled(current.content), headers=headers, timeout=60)


@pytest.fixture(scope="module")
def full_disk(tmp_path_factory):
    directory = tmp_path_factory.mktemp("full-disk")
    disk = directory / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()}); the full-disk checks are skipped")
    server = None
    try:
        server = launch(directory, CATALOG_HISTORY_DIR=str(disk / "history"), PINNED_ARCHIVE_DIR=str(disk / "pinned"))
        before, catalogs = snapshot(server.base), catalog_digest(server.translations)
        filled = fill(disk)
        answer = publish(server.base)
        after, catalogs_after = snapshot(server.base), catalog_digest(server.translations)
        health = requests.get(server.base + "/healthz", timeout=10).status_code
        (disk / "filler").unlink()
        recovered = publish(server.base).status_code
        SUMMARY["full_disk"] = {"mount": "tmpfs 2m", "filled_bytes": filled, "publish_status": answer.status_code,
                                "served_unchanged": after == before, "publish_after_freeing": recovered}  # fmt: skip
        survived = answer.status_code == 507 and after == before  # refused whole, with the problem that says why
        record_fault("full disk during a publish", survived)
        yield {"answer": answer, "before": before, "after": after, "catalogs": catalogs, "health": health,
               "recovered": recovered, "catalogs_after": catalogs_after}  # fmt: skip
    finally:
        if server is not None:
            stop_gunicorn(server.process)
        if subprocess.run(["umount", str(disk)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_publish_on_a_full_disk_is_a_507_problem(full_disk):
    answer = full_disk["answer"]
    assert answer.status_code == 507, answer.status_code
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 507


def test_a_full_disk_changes_nothing_served_and_the_service_recovers(full_disk):
    assert [u for u in full_disk["before"] if full_disk["after"][u] != full_disk["before"][u]] == []
    assert full_disk["catalogs_after"] == full_disk["catalogs"]
    assert full_disk["health"] == 200
    assert full_disk["recovered"] == 200  # space freed: publishing works again
