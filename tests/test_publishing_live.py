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

from api.i18n.catalogs import parse_catalog
from api.i18n.repository import revision_of
from api.store.engine import open_engine
from api.store.reads import Reads
from api.store.writes import publish_catalog
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
        revision_url = requests.get(base + SECTION + "?locale=es", timeout=30).headers["Content-Location"]
        po = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
        upload = po.replace(OLD.encode(), NEW.encode()).replace(
            f'msgstr "{TITLE_OLD}"'.encode(), f'msgstr "{TITLE_NEW}"'.encode()
        )
        seen, stop, budget = [], threading.Event(), [2000]  # reads allowed so far: more once the publish answers

        def read_whole_topics():
            while not stop.is_set():
                if len(seen) >= budget[0]:
                    time.sleep(0.01)
                    continue
                body = requests.get(base + "/v1/topics/muscle-spasms?locale=es", timeout=30).json()
                seen.append((body["title"], body["sections"][1]["blocks"][2]["text"]))

        readers = [threading.Thread(target=read_whole_topics) for _ in range(3)]
        for reader in readers:
            reader.start()
        time.sleep(0.3)
        response = requests.put(base + "/v1/catalogs/es", data=upload, headers=publish_headers(po), timeout=30)
        assert response.status_code == 200, response.text
        budget[0] = len(seen) + 2000  # however slow the publish was, the readers read after its answer too
        after = [requests.get(base + SECTION + "?locale=es", timeout=30).json() for _ in range(60)]  # new connections
        deadline = time.monotonic() + 30
        while (TITLE_NEW, NEW) not in seen and len(seen) < budget[0] and time.monotonic() < deadline:
            time.sleep(0.05)  # until a reader saw the new topic (on a loaded machine, after the 60 reads above)
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
        assert all(NEW in section["blocks"][2]["text"] for section in after)
        assert set(seen) <= {(TITLE_OLD, OLD), (TITLE_NEW, NEW)}  # whole topics: all old or all new
        assert (TITLE_NEW, NEW) in seen
        pinned = [requests.get(base + revision_url, timeout=30) for _ in range(20)]  # any worker, old text
        assert all(p.status_code == 200 and OLD in p.json()["blocks"][2]["text"] for p in pinned)
        assert {p.headers["Cache-Control"] for p in pinned} == {"public, max-age=31536000, immutable"}
    finally:
        stop_gunicorn(process)


KILLABLE = """
import sys
from pathlib import Path
from api.store.engine import open_engine
from api.store.imports import fill
from api.store.writes import publish_catalog
engine = open_engine(sys.argv[1])
fill(engine, Path(sys.argv[2]), Path(sys.argv[3]), strict=False)  # keeps the publishes
versions = [Path(sys.argv[4]).read_bytes(), Path(sys.argv[5]).read_bytes()]
print("ready", flush=True)
i = 0
while True:
    publish_catalog(engine, "es", versions[i % 2], "killer")
    i += 1
"""


def test_kill_9_at_any_moment_of_a_publish_leaves_the_old_or_the_new_catalog_whole(tmp_path):
    translations = copy_translations(tmp_path)
    old = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
    new = old.replace(OLD.encode(), NEW.encode())  # a different, equally valid catalog
    (tmp_path / "old.po").write_bytes(old)
    (tmp_path / "new.po").write_bytes(new)
    url = f"sqlite:///{tmp_path}/store.sqlite3"
    command = [sys.executable, "-c", KILLABLE, url, str(ROOT / "content"), str(translations), str(tmp_path / "old.po"),
               str(tmp_path / "new.po")]  # fmt: skip
    rng = random.Random(20261125)
    reads = None
    for _ in range(15):
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE)
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.001, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        reads = reads or Reads(open_engine(url))
        live = reads.catalog_raw("es")
        assert live in (old, new)
        assert reads.catalog("es") == parse_catalog("es", live, reads.catalog_meta("es").review)
        history = list(reversed(reads.history("es")))
        assert history[-1]["after"] == revision_of(live)  # the audit log names the live revision last
        assert [r["before"] for r in history[1:]] == [r["after"] for r in history[:-1]]  # an unbroken chain
    assert len(reads.history("es")) > 1


def test_a_publish_committed_by_another_process_is_served_by_every_worker_within_a_second(tmp_path):
    translations = copy_translations(tmp_path)
    env = {"TRANSLATIONS_DIR": str(translations), "CATALOG_HISTORY_DIR": str(tmp_path / "h"),
           "PINNED_ARCHIVE_DIR": str(tmp_path / "pinned")}  # fmt: skip
    process, base = start_gunicorn(env, workers=2)
    try:

        def titles() -> set[str]:  # over 20 fresh connections: every worker
            return {requests.get(base + "/v1/topics/muscle-spasms?locale=es", timeout=30).json()["title"]
                    for _ in range(20)}  # fmt: skip

        assert titles() == {TITLE_OLD}
        po = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
        upload = po.replace(f'msgstr "{TITLE_OLD}"'.encode(), f'msgstr "{TITLE_NEW}"'.encode())
        # Another replica's publish, or a worker killed between its commit and telling the others:
        engine = open_engine(f"sqlite:///{tmp_path}/h/store.sqlite3")
        record = publish_catalog(engine, "es", upload, "elsewhere")
        time.sleep(1.0)  # the promise: within 1 s, with nobody telling the workers
        assert titles() == {TITLE_NEW}  # every worker
        assert requests.get(base + "/v1/catalogs/es", timeout=30).headers["ETag"] == f'"{record.after}"'
    finally:
        stop_gunicorn(process)
