"""A sync protocol for any library: constant-size cursors, subscriptions by topic, paged bundles and topic lists."""

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api import create_app
from api.content.loader import load_library
from api.i18n.catalogs import discover_locales, load_catalog
from api.i18n.negotiate import load_negotiator
from api.render.cursor import MAX_CURSOR, SyncState, decode_cursor, encode_cursor, store_digest, topics_digest
from api.render.offline import build_bundle, changes_page
from api.render.reads import MemoryReads
from api.render.store import Store
from bench.library import generate
from tests.conftest import ROOT

LINK = re.compile(r'<([^>]+)>; rel="next"')


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    """A generated library of five topics in nine locales, served from memory."""
    content, translations = generate(5, tmp_path_factory.mktemp("five"))
    return create_app({"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations, "PARSE_CACHE_DIR": "off"})


@pytest.fixture(scope="module")
def ten_thousand():
    """The shipped topic and catalogs under 10,000 topic ids, as a Store in memory (no file per topic)."""
    topic = load_library(ROOT / "content")["muscle-spasms"][0]
    library = {f"topic-{i:05d}": [replace(topic, topic=f"topic-{i:05d}")] for i in range(10_000)}
    tags = discover_locales(ROOT / "translations")
    catalogs = {tag: load_catalog(ROOT / "translations", tag) for tag in tags}
    negotiator = load_negotiator(ROOT / "translations" / "locales.yaml", tags, "en")
    return Store(MemoryReads(library, catalogs), tags, "en"), negotiator


@settings(max_examples=100, deadline=None)
@given(
    seq=st.none() | st.integers(0, 2**62),
    scope=st.sampled_from(["*", "es", "zh-Hant", "pt-BR", "sr-Latn-ME"]),
    topics=st.none() | st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=20),
    paging=st.none() | st.tuples(st.integers(0, 2**62), st.integers(0, 36**8 - 1)),
)
def test_every_cursor_is_at_most_64_characters_and_reads_back(seq, scope, topics, paging):
    target, offset = paging or (None, 0)
    state = SyncState(store_digest("any store"), seq, scope, topics_digest(topics), target, offset)
    cursor = encode_cursor(state)
    assert len(cursor) <= MAX_CURSOR and decode_cursor(cursor) == state


def test_the_cursor_and_next_stay_at_most_64_characters_at_10000_topics(ten_thousand):
    store, negotiator = ten_thousand
    bundle = build_bundle(store, negotiator, negotiator.for_tag("zh-Hant"), limit=3)
    assert len(bundle.body) < 200_000 and len(decode_json(bundle.body)["cursor"]) <= MAX_CURSOR
    page = changes_page(store, negotiator, None, 3, "zh-Hant", None)  # a first sync: every topic, paged
    assert page["more"] and len(page["changes"]) == 3 and len(page["next"]) <= MAX_CURSOR
    following = changes_page(store, negotiator, decode_cursor(page["next"]), 3, "zh-Hant", None)
    assert [c["topic"] for c in following["changes"]] == ["topic-00003", "topic-00004", "topic-00005"]
    assert len(following["next"]) <= MAX_CURSOR


def decode_json(raw: bytes) -> dict:
    import orjson

    return orjson.loads(raw)


def test_old_and_overlong_cursors_are_a_400_that_says_to_sync_again(client):
    c2 = "c2." + "A" * 40
    for since in (c2, "c3." + "0" * 70):
        problem = client.get(f"/v1/changes?since={since}").get_json()
        assert problem["status"] == 400 and "sync again" in problem["detail"], problem
    assert client.get("/v1/changes?since=c3.zz").status_code == 400


def test_topic_pages_chain_by_link_and_next_with_an_etag_each(five):
    client, seen, url = five.test_client(), [], "/v1/topics?locale=es&limit=2"
    for _ in range(5):
        response = client.get(url)
        body = response.get_json()
        assert response.status_code == 200 and response.headers["ETag"]
        assert len(body["topics"]) <= 2 and body["requested_locale"] == "es"
        link = LINK.fullmatch(response.headers.get("Link", "")) if body["next"] else None
        assert (link.group(1) if link else None) == body["next"]
        assert client.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
        seen += [topic["id"] for topic in body["topics"]]
        if body["next"] is None:
            break
        url = body["next"]
    whole = client.get("/v1/topics?locale=es").get_json()
    assert seen == [t["id"] for t in whole["topics"]] == sorted(seen) and len(seen) == 5 and whole["next"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "limit=x", "cursor=%25%25", "cursor=" + "A" * 201])
def test_a_malformed_page_is_a_400(five, query):
    assert five.test_client().get(f"/v1/topics?{query}").status_code == 400


def test_a_paged_bundle_leaves_the_app_in_step(five):
    client, held, url, cursor = five.test_client(), [], "/v1/bundles/fr?limit=2", None
    for _ in range(5):
        body = client.get(url).get_json()
        held += [topic["topic"] for topic in body["topics"]]
        cursor = body["cursor"]
        if body["next"] is None:
            break
        url = body["next"]
    assert sorted(held) == held and len(held) == 5
    assert client.get(f"/v1/changes?since={cursor}&locale=fr").get_json()["changes"] == []


def test_a_subscription_gets_only_its_topics_and_keeps_them(five):
    client = five.test_client()
    bundle = client.get("/v1/bundles/es?topics=topic-00002,muscle-spasms").get_json()
    assert [t["topic"] for t in bundle["topics"]] == ["muscle-spasms", "topic-00002"]
    first = client.get("/v1/changes?locale=es&topics=topic-00003").get_json()
    assert [(c["topic"], c["locale"]) for c in first["changes"]] == [("topic-00003", "es")]
    since = bundle["cursor"]
    assert client.get(f"/v1/changes?since={since}&topics=muscle-spasms,topic-00002").get_json()["changes"] == []
    other = client.get(f"/v1/changes?since={since}&topics=topic-00003")
    assert other.status_code == 400 and "other topics" in other.get_json()["detail"]
    assert client.get("/v1/bundles/es?topics=no-such-topic").status_code == 404
    assert client.get("/v1/bundles/es?topics=Not,An%20Id").status_code == 400
    assert client.get("/v1/changes?topics=" + ",".join(f"t{i}" for i in range(201))).status_code == 400
