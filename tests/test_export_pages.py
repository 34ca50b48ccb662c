"""The static export holds every page of the topic list and of each bundle, so every topic is in it."""

import json

import pytest

from api import create_app
from bench.library import generate


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of two topics, so that a three-topic library has two pages of every list."""
    monkeypatch.setattr("api.render.listings.PAGE_LIMIT", 2)
    monkeypatch.setattr("api.render.export.BUNDLE_PAGE", 2, raising=False)
    monkeypatch.setattr("api.http.offline.BUNDLE_PAGE", 2)  # the live route's first page too


def test_an_export_bigger_than_a_page_holds_every_topic_in_every_list(tmp_path, small_pages):
    content, translations = generate(3, tmp_path / "lib", 2)
    app = create_app({"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations, "PARSE_CACHE_DIR": "off",
                      "CATALOG_HISTORY_DIR": tmp_path / "history",
                      "DATABASE_URL": f"sqlite:///{tmp_path}/store.db"})  # fmt: skip
    target = tmp_path / "static"
    result = app.test_cli_runner().invoke(args=["content", "export", str(target)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((target / "manifest.json").read_text())
    ids = {"muscle-spasms", "topic-00001", "topic-00002"}
    client = app.test_client()
    for tag in ("en", "ar"):
        lists = {"v1/topics": "topics", "v1/bundles": "topics"}
        for prefix, key in lists.items():
            pages = [json.loads((target / f"{prefix}/{tag}{suffix}.json").read_text()) for suffix in ("", ".2")]
            found = [t.get("id") or t.get("topic") for page in pages for t in page[key]]
            assert sorted(found) == sorted(ids), (prefix, tag)  # each topic once, over two pages
            assert pages[0]["next"] and pages[1]["next"] is None
            assert not (target / f"{prefix}/{tag}.3.json").exists()
    for path, entry in manifest.items():  # each page is the live body of its URL: the next links followed
        live = client.get(entry["url"])
        assert live.status_code == 200 and live.data == (target / path.lstrip("/")).read_bytes(), path
    assert "/v1/topics/topic-00002/completeness.json" in manifest
