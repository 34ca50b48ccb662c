"""The Atom feed's bytes depend on nothing another library can change: WeasyPrint rewrites ElementTree's registry."""

import xml.etree.ElementTree as ET

import requests

from api.render.atom import knowledge_response
from tests.conftest import start_gunicorn, stop_gunicorn
from tests.test_publishing_live import copy_translations
from tests.test_translators import NEW, OLD
from tests.tokens import TOKENS, publish_headers

BASE = "http://127.0.0.1:8000"
FEED = ("/v1/infobutton?mainSearchCriteria.v.c=M62838&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90"
        "&informationRecipient.languageCode.c=es&knowledgeResponseType=application/atom%2Bxml")


def test_rendering_a_handout_leaves_the_atom_bytes_and_etag_as_they_were(app, client):
    service = app.extensions["live"].current()
    negotiation = service.negotiator.for_tag("es")
    before = knowledge_response(service.store, ("muscle-spasms",), negotiation, "application/atom+xml", BASE)
    assert before.body.startswith(b"<?xml") and b"ns0:" not in before.body
    assert client.get("/v1/topics/muscle-spasms/handout.pdf?locale=es").status_code == 200  # WeasyPrint's ET use
    ET.register_namespace("", "")  # what WeasyPrint's pdf/metadata.py does
    ET.register_namespace("pc", "urn:someone-else")
    knowledge_response.cache_clear()  # as a publish does: every feed is built again
    after = knowledge_response(service.store, ("muscle-spasms",), negotiation, "application/atom+xml", BASE)
    assert after.body == before.body and after.etag == before.etag
    root = ET.fromstring(after.body)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.find("{http://www.w3.org/2005/Atom}entry/{tag:patient-content-api,2026:served}served") is not None


def test_on_gunicorn_every_worker_serves_one_atom_feed_after_handouts_and_a_publish(tmp_path):
    translations = copy_translations(tmp_path)
    env = {"TRANSLATIONS_DIR": str(translations), "CATALOG_HISTORY_DIR": str(tmp_path / "h"),
           "TRANSLATOR_TOKENS": TOKENS, "PINNED_ARCHIVE_DIR": str(tmp_path / "pinned")}  # fmt: skip
    process, base = start_gunicorn(env, workers=2)
    try:
        for _ in range(6):  # new connections: sync workers share them out, so both render a handout
            assert requests.get(base + "/v1/topics/muscle-spasms/handout.pdf?locale=es", timeout=30).ok
        po = (translations / "es" / "LC_MESSAGES" / "content.po").read_bytes()
        upload = po.replace(OLD.encode(), NEW.encode())
        assert requests.put(base + "/v1/catalogs/es", data=upload, headers=publish_headers(po), timeout=30).ok
        feeds = [requests.get(base + FEED, timeout=30) for _ in range(20)]
        assert {feed.headers["ETag"] for feed in feeds} == {feeds[0].headers["ETag"]}
        assert all(b"ns0:" not in feed.content and b"<feed xmlns=" in feed.content for feed in feeds)
    finally:
        stop_gunicorn(process)
