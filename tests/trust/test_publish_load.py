"""Publishes under load on a real gunicorn: readers never see a failed or mixed answer."""

import threading
import time

import pytest
import requests

from tests.test_translators import NEW, OLD
from tests.tokens import AUTH
from tests.trust.conftest import SUMMARY

pytestmark = pytest.mark.trust
PUBLISHES, READERS, MAX_READS = 8, 4, 4000
TITLES = ("Espasmos musculares", "Espasmos de los músculos")
TOPIC = "/v1/topics/muscle-spasms?locale=es"


def toggled(raw: bytes) -> bytes:
    """Return the catalog with the resolution unit and the title switched to their other wording."""
    old_text, old_title = OLD.encode(), f'msgstr "{TITLES[0]}"'.encode()
    new_text, new_title = NEW.encode(), f'msgstr "{TITLES[1]}"'.encode()
    if old_text in raw:
        return raw.replace(old_text, new_text).replace(old_title, new_title)
    return raw.replace(new_text, old_text).replace(new_title, old_title)


def wording(topic: dict) -> tuple:
    """Return (title, resolution text) of a whole Spanish topic."""
    section = next(s for s in topic["sections"] if s["id"] == "acute-causes")
    text = next(b["text"] for b in section["blocks"] if OLD in b.get("text", "") or NEW in b.get("text", ""))
    return topic["title"], text


def test_publishes_under_load_never_show_a_failed_or_mixed_read(trust_server):
    base, seen, failures, stop = trust_server.base, [], [], threading.Event()

    def read():
        with requests.Session() as session:
            while not stop.is_set() and len(seen) < MAX_READS:
                try:
                    answer = session.get(base + TOPIC, timeout=30)
                    seen.append(wording(answer.json()) if answer.status_code == 200 else ("status", answer.status_code))
                except (requests.RequestException, ValueError, StopIteration) as failure:
                    failures.append(repr(failure))

    readers = [threading.Thread(target=read) for _ in range(READERS)]
    for reader in readers:
        reader.start()
    published = []
    try:
        for _ in range(PUBLISHES):
            current = requests.get(base + "/v1/catalogs/es", timeout=30)
            headers = {**AUTH, "If-Match": current.headers["ETag"], "Content-Type": "text/x-gettext-translation"}
            answer = requests.put(base + "/v1/catalogs/es", data=toggled(current.content), headers=headers, timeout=60)
            assert answer.status_code == 200, answer.text[:500]
            published.append(answer.json()["revision"])
            time.sleep(0.2)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=60)
    allowed = {(TITLES[0], OLD), (TITLES[1], NEW)}
    mixed = [s for s in seen if s not in allowed]
    SUMMARY["publishes_under_load"] = {"publishes": len(published), "reads": len(seen), "failed_reads": len(failures),
                                       "mixed_or_failed_answers": len(mixed)}  # fmt: skip
    assert failures == [] and mixed == [], (failures + mixed)[:5]
    assert set(seen) == allowed, "the readers did not see both wordings"
    history = requests.get(base + "/v1/catalogs/es/revisions", timeout=10).json()
    assert [r["after"] for r in history["revisions"][:PUBLISHES]] == published[::-1]  # every publish is on record


def test_a_put_without_if_match_is_a_428_problem(trust_server):
    current = requests.get(trust_server.base + "/v1/catalogs/es", timeout=10)
    headers = {**AUTH, "Content-Type": "text/x-gettext-translation"}
    answer = requests.put(trust_server.base + "/v1/catalogs/es", data=toggled(current.content), headers=headers,
                          timeout=60)  # fmt: skip
    assert answer.status_code == 428, answer.status_code
    assert answer.headers["Content-Type"] == "application/problem+json"
