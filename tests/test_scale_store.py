"""Served from the store: the same bytes as from the files, cursors every replica of one store understands."""

import re

import requests

from api import create_app
from api.render.service import load_service
from bench.library import generate
from tests.conftest import start_gunicorn, stop_gunicorn

LINK = re.compile(r'<([^>]+)>; rel="next"')


def apps(tmp_path, count=2):
    """Return a generated three-topic library's directories and `count` replicas of one SQLite store."""
    content, translations = generate(3, tmp_path / "lib")
    config = {"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations, "PARSE_CACHE_DIR": "off",
              "CATALOG_HISTORY_DIR": tmp_path / "history",
              "DATABASE_URL": f"sqlite:///{tmp_path}/store.db"}  # fmt: skip
    return config, [create_app(config).test_client() for _ in range(count)]


def test_the_store_serves_the_bytes_the_files_do(tmp_path):
    config, (stored,) = apps(tmp_path, 1)
    files = load_service(config["CONTENT_DIR"], config["TRANSLATIONS_DIR"], "en")  # the files, read into memory
    for topic_id, tag in [("muscle-spasms", "zh-Hant"), ("topic-00002", "es-MX"), ("topic-00001", "ar")]:
        negotiation = files.negotiator.for_tag(tag)
        body = files.store.topic(topic_id, 1, negotiation).body
        assert stored.get(f"/v1/topics/{topic_id}?locale={tag}").data == body
        section = files.store.section(topic_id, 1, "concerning-signs", negotiation).body
        assert stored.get(f"/v1/topics/{topic_id}/sections/concerning-signs?locale={tag}").data == section
    assert stored.get("/v1/topics?locale=ar").data == files.store.topic_list(files.negotiator.for_tag("ar")).body


def test_a_cursor_from_one_replica_is_in_step_on_another_and_a_git_deploy_lists_only_its_locale(tmp_path):
    config, (one, two) = apps(tmp_path)
    cursor = one.get("/v1/bundles/es?limit=10").get_json()["cursor"]
    assert two.get(f"/v1/changes?since={cursor}").get_json()["changes"] == []
    po = config["TRANSLATIONS_DIR"] / "fr" / "LC_MESSAGES" / "content.po"
    unit = rb'(msgctxt "topic-00001/meta/title"\nmsgid "[^"]*"\nmsgstr ")[^"]*"'
    po.write_bytes(re.sub(unit, rb'\1Spasmes (git)"', po.read_bytes(), count=1))
    deployed = create_app(config).test_client()  # a deploy: the replica imports the files as it starts
    everything = deployed.get(f"/v1/changes?since={cursor.replace('.es.', '.~.')}").get_json()
    assert [(c["topic"], c["locale"]) for c in everything["changes"]] == [("topic-00001", "fr")]
    assert "Spasmes (git)" in deployed.get(everything["changes"][0]["url"]).get_data(as_text=True)
    scoped = deployed.get(f"/v1/changes?since={cursor}").get_json()  # es follows no fr catalog: in step
    assert scoped["changes"] == [] and len(scoped["next"]) <= 64


def test_topic_pages_over_http_carry_link_etag_and_304(tmp_path):
    content, translations = generate(5, tmp_path / "lib")
    env = {"CONTENT_DIR": str(content), "TRANSLATIONS_DIR": str(translations), "PARSE_CACHE_DIR": "off",
           "DATABASE_URL": f"sqlite:///{tmp_path}/store.db", "CATALOG_HISTORY_DIR": str(tmp_path / "h")}  # fmt: skip
    process, base = start_gunicorn(env, workers=2)
    try:
        with requests.Session() as session:
            url, seen = f"{base}/v1/topics?locale=es&limit=2", []
            for _ in range(4):
                response = session.get(url)
                assert response.status_code == 200 and response.headers["ETag"].startswith('"')
                again = session.get(url, headers={"If-None-Match": response.headers["ETag"]})
                assert again.status_code == 304
                seen += [t["id"] for t in response.json()["topics"]]
                following = response.json()["next"]
                link = LINK.fullmatch(response.headers.get("Link", ""))
                assert (link and link.group(1)) == following or (following is None and link is None)
                if following is None:
                    break
                url = base + following
            assert len(seen) == 5
    finally:
        stop_gunicorn(process)
