"""A full disk, on a small tmpfs this test mounts: a 507 for a publish, reads unchanged.

The catalogs, the store (SQLite, in the data directory) and the parse cache live on the tmpfs. Mounting needs root;
where it is not permitted the test is skipped, saying so (the refused-write paths are also covered, without
a mount, by tests/test_publish_faults.py and tests/test_parse_cache.py).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from sqlalchemy import event, text

from tests.conftest import start_gunicorn, stop_gunicorn
from tests.test_translators import NEW, OLD
from tests.tokens import AUTH, PO_TYPE, TOKENS, publish_headers

ROOT = Path(__file__).resolve().parent.parent
TOPIC = "/v1/topics/muscle-spasms?locale=es"


@pytest.fixture
def disk(tmp_path):
    """A 4 MiB tmpfs, mounted for this test and unmounted after it."""
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mountpoint)],
                             capture_output=True, text=True, timeout=10)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], timeout=10, check=False)


def fill(directory: Path) -> Path:
    """Fill the file system holding directory to the last byte; return the filler file."""
    filler = directory / "filler"
    with filler.open("wb", buffering=0) as f:
        try:
            for _ in range(10_000):  # 4 MiB in 64 KiB steps, bounded
                f.write(b"\0" * 65536)
        except OSError:
            pass
    for n in range(1000):  # the last blocks, one small file at a time
        try:
            (directory / f"crumb-{n}").write_bytes(b"\0" * 512)
        except OSError:
            break
    return filler


def served(base: str) -> tuple:
    """Return what patients and translators are served: topic bytes, catalog revision, audit records."""
    topic = requests.get(base + TOPIC, timeout=30)
    catalog = requests.get(base + "/v1/catalogs/es", timeout=30)
    revisions = requests.get(base + "/v1/catalogs/es/revisions", timeout=30)
    assert (topic.status_code, catalog.status_code, revisions.status_code) == (200, 200, 200)
    return topic.content, catalog.headers["ETag"], revisions.json()


def test_a_full_disk_gives_507_and_leaves_everything_served_unchanged(disk, tmp_path):
    translations = disk / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    env = {"TRANSLATIONS_DIR": str(translations), "CATALOG_HISTORY_DIR": str(disk / "history"),
           "PARSE_CACHE_DIR": str(disk / "parse-cache"), "PINNED_ARCHIVE_DIR": str(disk / "pinned"),
           "TRANSLATOR_TOKENS": TOKENS}  # fmt: skip
    po = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
    upload = po.replace(OLD.encode(), NEW.encode())
    process, base = start_gunicorn(env)  # the store is made on first start; then the disk fills up
    try:
        filler = fill(disk)
        before = served(base)
        assert NEW not in before[0].decode()
        headers = {**AUTH, **PO_TYPE, "If-Match": before[1]}
        put = requests.put(base + "/v1/catalogs/es", data=upload, headers=headers, timeout=30)
        assert put.status_code == 507, put.text
        assert put.headers["Content-Type"] == "application/problem+json"
        problem = put.json()
        assert problem["type"].endswith(":insufficient-storage") and problem["status"] == 507
        assert "database or disk is full" in problem["detail"] and str(disk) not in put.text
        for _ in range(4):  # every worker, on fresh connections
            assert served(base) == before
        assert requests.get(base + "/healthz", timeout=30).status_code == 200

        filler.unlink()  # space is freed: the same publish goes through
        put = requests.put(base + "/v1/catalogs/es", data=upload, headers=headers, timeout=30)
        assert put.status_code == 200, put.text
        after = served(base)
        assert NEW in after[0].decode() and after[1] == f'"{put.json()["revision"]}"'
        assert after[2]["revisions"][0]["after"] == put.json()["revision"]

        # A read-only remount is refused (EBUSY) while SQLite holds its files open for writing, so the read-only
        # store is tested on PostgreSQL (default_transaction_read_only, as on a standby): tests/test_store_down.py.
    finally:
        stop_gunicorn(process)
    assert os.path.ismount(disk)


def test_a_refused_write_is_a_localized_507_problem_and_nothing_changes(writer, translations):
    po = writer.get("/v1/catalogs/es").data
    engine = writer.application.extensions["reads"].engine
    with engine.connect() as connection:  # SQLite's own full database: no page may be added from now on
        pages = connection.execute(text("PRAGMA page_count")).scalar()
    event.listen(engine, "connect", lambda dbapi, record: dbapi.execute(f"PRAGMA max_page_count = {pages}"))
    engine.dispose()
    history = writer.get("/v1/catalogs/es/revisions").json["revisions"]
    headers = {**publish_headers(po), "Accept-Language": "es"}
    response = writer.put("/v1/catalogs/es", data=po.replace(OLD.encode(), NEW.encode()), headers=headers)
    assert response.status_code == 507
    assert response.json["title"] == "Espacio de almacenamiento insuficiente"
    assert "(database or disk is full); nothing was changed" in response.json["detail"]
    assert writer.get("/v1/catalogs/es").data == po
    assert writer.get("/v1/catalogs/es/revisions").json["revisions"] == history


def test_a_publish_while_the_parse_cache_disk_is_full_is_answered_and_every_read_still_is(disk, tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
    env = {"TRANSLATIONS_DIR": str(translations), "CATALOG_HISTORY_DIR": str(tmp_path / "history"),
           "PARSE_CACHE_DIR": str(disk / "parse-cache"), "TRANSLATOR_TOKENS": TOKENS}  # fmt: skip
    process, base = start_gunicorn(env)  # the cache is written at start-up, then its disk fills up
    try:
        fill(disk)
        current = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
        upload = current.replace(OLD.encode(), NEW.encode())
        put = requests.put(base + "/v1/catalogs/es", data=upload, headers=publish_headers(current), timeout=30)
        assert put.status_code == 200, put.text
        for _ in range(6):  # fresh connections: every worker answers, with the new text
            assert NEW in requests.get(base + TOPIC, timeout=30).text
            assert requests.get(base + "/readyz", timeout=30).status_code == 200
    finally:
        stop_gunicorn(process)
