"""Publishing against real processes: every gunicorn worker switches at once, and kill -9 loses nothing."""

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from api.i18n.catalogs import SOURCE_REVIEW, parse_catalog
from api.i18n.repository import CatalogRepository
from tests.conftest import start_gunicorn, stop_gunicorn
from tests.test_translators import NEW, OLD, SECTION
from tests.tokens import TOKENS, publish_headers

ROOT = Path(__file__).resolve().parent.parent
TITLE_OLD, TITLE_NEW = "Espasmos musculares", "Espasmos de los músculos"


def copy_translations(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "translations", tmp_path / "t", ignore=shutil.ignore_patterns(".history"))
    return tmp_path / "t"


def test_a_publish_reaches_every_worker_at_once_and_no_read_mixes_old_and_new(tmp_path):
    translations = copy_translations(tmp_path)
    env = {
        "TRANSLATIONS_DIR": str(translations),
        "CATALOG_HISTORY_DIR": str(tmp_path / "h"),
        "TRANSLATOR_TOKENS": TOKENS,
        "PINNED_ARCHIVE_DIR": str(tmp_path / "pinned"),
    }
    process, base = start_gunicorn(env, workers=3)
    try:
        revision_url = requests.get(base + SECTION + "?locale=es", timeout=5).headers["Content-Location"]
        po = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
        upload = po.replace(OLD.encode(), NEW.encode()).replace(
            f'msgstr "{TITLE_OLD}"'.encode(), f'msgstr "{TITLE_NEW}"'.encode()
        )
        seen, stop = [], threading.Event()

        def read_whole_topics():
            while not stop.is_set() and len(seen) < 2000:
                body = requests.get(base + "/v1/topics/muscle-spasms?locale=es", timeout=5).json()
                seen.append((body["title"], body["sections"][1]["blocks"][2]["text"]))

        readers = [threading.Thread(target=read_whole_topics) for _ in range(3)]
        for reader in readers:
            reader.start()
        time.sleep(0.3)
        response = requests.put(base + "/v1/catalogs/es", data=upload, headers=publish_headers(po), timeout=30)
        assert response.status_code == 200, response.text
        after = [requests.get(base + SECTION + "?locale=es", timeout=5).json() for _ in range(60)]  # new connections
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
        assert all(NEW in section["blocks"][2]["text"] for section in after)
        assert set(seen) <= {(TITLE_OLD, OLD), (TITLE_NEW, NEW)}  # whole topics: all old or all new
        assert (TITLE_NEW, NEW) in seen
        pinned = [requests.get(base + revision_url, timeout=5) for _ in range(20)]  # any worker, old text
        assert all(p.status_code == 200 and OLD in p.json()["blocks"][2]["text"] for p in pinned)
        assert {p.headers["Cache-Control"] for p in pinned} == {"public, max-age=31536000, immutable"}
    finally:
        stop_gunicorn(process)


KILLABLE = """
import sys
from pathlib import Path
from api.i18n.repository import CatalogRepository
repository = CatalogRepository(Path(sys.argv[1]), Path(sys.argv[2]))
versions = [Path(sys.argv[3]).read_bytes(), Path(sys.argv[4]).read_bytes()]
print("ready", flush=True)
i = 0
while True:
    repository.publish("es", versions[i % 2], "killer")
    i += 1
"""


def test_kill_9_at_any_moment_of_a_publish_leaves_the_old_or_the_new_catalog_whole(tmp_path):
    translations = copy_translations(tmp_path)
    live = translations / "es" / "LC_MESSAGES" / "content.po"
    old = live.read_bytes()
    new = old.replace(OLD.encode(), NEW.encode()) * 1  # a different, equally valid catalog
    (tmp_path / "old.po").write_bytes(old)
    (tmp_path / "new.po").write_bytes(new)
    command = [sys.executable, "-c", KILLABLE, str(translations), str(tmp_path / "h"), str(tmp_path / "old.po"),
               str(tmp_path / "new.po")]  # fmt: skip
    rng = random.Random(20261125)
    for _ in range(15):
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE)
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.001, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert live.read_bytes() in (old, new)
        parse_catalog("es", live.read_bytes(), SOURCE_REVIEW, str(live))
    assert os.path.getsize(tmp_path / "h" / "audit.jsonl") > 0


def test_when_a_worker_dies_right_after_its_commit_every_worker_still_serves_the_new_catalog(tmp_path):
    translations = copy_translations(tmp_path)
    env = {"TRANSLATIONS_DIR": str(translations), "CATALOG_HISTORY_DIR": str(tmp_path / "h"),
           "PINNED_ARCHIVE_DIR": str(tmp_path / "pinned")}  # fmt: skip
    process, base = start_gunicorn(env, workers=2)
    try:

        def titles() -> set[str]:  # over 20 fresh connections: every worker
            return {requests.get(base + "/v1/topics/muscle-spasms?locale=es", timeout=5).json()["title"]
                    for _ in range(20)}  # fmt: skip

        assert titles() == {TITLE_OLD}
        po = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
        upload = po.replace(f'msgstr "{TITLE_OLD}"'.encode(), f'msgstr "{TITLE_NEW}"'.encode())
        # What a worker killed between its commit (the rename) and telling the others leaves on disk:
        record = CatalogRepository(translations, tmp_path / "h").publish("es", upload, "killed")
        assert titles() == {TITLE_OLD}  # nobody told the workers yet
        workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        os.kill(int(workers[0]), signal.SIGKILL)
        deadline, seen = time.monotonic() + 15, set()
        while time.monotonic() < deadline and seen != {TITLE_NEW}:
            time.sleep(0.2)
            try:
                seen = titles()
            except requests.ConnectionError:
                continue
        assert seen == {TITLE_NEW}  # every worker, the survivor too
        assert requests.get(base + "/v1/catalogs/es", timeout=5).headers["ETag"] == f'"{record.after}"'
    finally:
        stop_gunicorn(process)
