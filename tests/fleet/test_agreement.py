"""Every replica serves the same thing: a publish anywhere is everywhere within 1 s, and so is a revision URL."""

import time
from urllib.parse import quote

import pytest
import requests

from tests.fleet.conftest import (
    SECTION,
    next_mark,
    publish,
    reading,
    served_text,
    wait_until_served,
)
from tests.sync_client import OfflineApp

pytestmark = pytest.mark.fleet
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.mark.parametrize("publisher", [0, 1, 2])
def test_a_publish_through_one_replica_is_served_by_all_three_within_a_second(fleet, publisher):
    text = next_mark()
    response = publish(fleet.bases[publisher], text)
    acknowledged = time.monotonic()
    assert response.status_code == 200, response.text
    # Fails if a replica asked 1 s or more after the answer still serves the old text (sound under any load):
    took = wait_until_served(fleet.bases, text, limit=1.0, since=acknowledged)
    print(f"publish through r{publisher} seen everywhere by {max(took.values()):.3f} s (upper bound): {took}")
    time.sleep(max(0.0, 1.0 - (time.monotonic() - acknowledged)))
    # Past the second, every worker of every replica (fresh connections) serves it, with the same catalog ETag.
    assert {served_text(base) for base in fleet.bases for _ in range(6)} == {text}
    etags = {requests.get(base + "/v1/catalogs/es", timeout=30).headers["ETag"] for base in fleet.bases}
    assert etags == {f'"{response.json()["revision"]}"'}


def test_a_revision_url_from_one_replica_resolves_with_the_same_bytes_on_the_others(fleet):
    first, second, third = fleet.bases
    text = next_mark()
    assert publish(first, text).status_code == 200
    url = requests.get(first + SECTION + "?locale=es", timeout=30).headers["Content-Location"]
    assert "rev=" in url
    pinned = requests.get(first + url, timeout=30)
    assert text in pinned.text
    assert publish(second, next_mark()).status_code == 200  # the revision is no longer the latest anywhere
    wait_until_served(fleet.bases, served_text(second), limit=1.0)
    for base in (third, second, first):
        again = requests.get(base + url, timeout=30)
        assert again.status_code == 200, (base, again.text)
        assert again.content == pinned.content
        assert again.headers["ETag"] == pinned.headers["ETag"]
        assert again.headers["Cache-Control"] == IMMUTABLE


@pytest.mark.parametrize("source", ["Content-Location", "/v1/changes"])
def test_a_revision_url_resolves_on_every_replica_the_moment_one_hands_it_out(fleet, source):
    first, *others = fleet.bases
    # Busy replicas: a worker that has just polled the store does not poll again for a moment (the race to catch).
    with reading([base + "/v1/topics/muscle-spasms?locale=ko" for base in others], threads=4):
        for _ in range(3):
            cursor = requests.get(first + "/v1/changes?locale=es", timeout=30).json()["next"]
            assert publish(first, next_mark()).status_code == 200
            if source == "Content-Location":
                url = requests.get(first + SECTION + "?locale=es", timeout=30).headers["Content-Location"]
            else:
                page = requests.get(first + f"/v1/changes?since={quote(cursor)}&locale=es", timeout=30).json()
                url = next(change["url"] for change in page["changes"] if change["locale"] == "es")
            # At once, and before the replica that named it serves it:
            answers = [requests.get(base + url, timeout=30) for base in [*others, first]]
            assert [(a.status_code, a.text[:200]) for a in answers if a.status_code != 200] == [], url
            assert len({a.content for a in answers}) == 1


def held_text(app: OfflineApp) -> str:
    """Return the watched unit's text in what the app holds."""
    sections = app.topics["muscle-spasms"]["sections"]
    blocks = next(s for s in sections if s["id"] == "acute-causes")["blocks"]
    return next(b["text"] for b in blocks if b.get("id") == "resolution")


def publish_through(front: str, text: str) -> None:
    """Publish through nginx as a translator does: a 412 (another replica was a moment behind) means GET again."""
    for _ in range(10):
        response = publish(front, text)
        if response.status_code != 412:
            assert response.status_code == 200, response.text
            return
        time.sleep(0.2)
    raise AssertionError("ten 412s in a row through the front")


def test_an_app_syncing_through_nginx_never_misses_a_change_and_never_flips_back(fleet):
    def get_json(path):
        response = requests.get(fleet.front + path, timeout=10)
        assert response.status_code == 200, (path, response.text)
        return response.json()

    app = OfflineApp("es", get_json)
    app.first_launch()
    published = [held_text(app)]
    for round_ in range(6):
        for _ in range(1 + round_ % 2):  # sometimes two publishes between syncs
            published.append(next_mark())
            publish_through(fleet.front, published[-1])
        deadline, held = time.monotonic() + 5, published.index(held_text(app))
        while published[held] != published[-1]:
            assert time.monotonic() < deadline, f"the app never got {published[-1]!r}"
            app.sync()
            now = published.index(held_text(app))  # a text never published would raise here
            assert now >= held, f"flipped back from {published[held]!r} to {published[now]!r}"
            held = now
        for _ in range(3):  # in step: further syncs, through whichever replicas nginx picks, keep it
            app.sync()
            assert held_text(app) == published[-1], f"flipped back to {held_text(app)!r} from {published[-1]!r}"
