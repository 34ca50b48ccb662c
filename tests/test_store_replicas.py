"""Two gunicorn replicas (each with its own files and data directory) sharing one PostgreSQL serve the same thing."""

import shutil
import time
from pathlib import Path

import requests

from tests.conftest import start_gunicorn, stop_gunicorn
from tests.test_publishing_live import TITLE_NEW, TITLE_OLD
from tests.tokens import TOKENS, publish_headers

ROOT = Path(__file__).resolve().parent.parent
TOPIC = "/v1/topics/muscle-spasms?locale=es"


def test_a_publish_on_one_replica_is_served_by_the_other_within_a_second(postgres_url, tmp_path):
    replicas, processes = [], []
    try:
        for name in ("a", "b"):
            translations = tmp_path / name / "t"
            shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(".history"))
            env = {"TRANSLATIONS_DIR": str(translations), "CATALOG_HISTORY_DIR": str(tmp_path / name / "h"),
                   "DATABASE_URL": postgres_url, "TRANSLATOR_TOKENS": TOKENS}  # fmt: skip
            process, base = start_gunicorn(env, workers=2)
            processes.append(process)
            replicas.append(base)
        a, b = replicas
        old_url = requests.get(b + TOPIC, timeout=30).headers["Content-Location"]  # a revision URL from b
        po = requests.get(a + "/v1/catalogs/es", timeout=30).content
        upload = po.replace(f'msgstr "{TITLE_OLD}"'.encode(), f'msgstr "{TITLE_NEW}"'.encode())
        put = requests.put(a + "/v1/catalogs/es", data=upload, headers=publish_headers(po), timeout=30)
        assert put.status_code == 200, put.text
        time.sleep(1.0)
        for _ in range(10):  # fresh connections: every worker of the other replica
            assert requests.get(b + TOPIC, timeout=30).json()["title"] == TITLE_NEW
        assert requests.get(b + "/v1/catalogs/es", timeout=30).headers["ETag"] == f'"{put.json()["revision"]}"'
        pinned = requests.get(a + old_url, timeout=30)  # b's revision URL, from a, after the publish: old bytes
        assert pinned.status_code == 200 and pinned.json()["title"] == TITLE_OLD
        history = requests.get(b + "/v1/catalogs/es/revisions", timeout=30).json()["revisions"]
        assert [r["action"] for r in history] == ["publish", "import"]  # imported once, by whichever started first
    finally:
        for process in processes:
            stop_gunicorn(process)
