"""Each locale's completeness summary: the store's aggregate query agrees with walking every topic."""

import orjson
from babel.messages.pofile import read_po, write_po

from api import create_app
from api.render.service import load_service
from tests.conftest import SAMPLE, add_translations
from tests.tokens import OTHER, TOKENS, publish_headers

COUNTS = ("units", "current", "outdated", "missing", "sections_served", "sections")


def mark_fuzzy(po_path, context: str) -> None:
    """Mark one translated entry of a catalog fuzzy (so it counts as outdated, not current)."""
    with po_path.open("rb") as f:
        catalog = read_po(f)
    entry = next(m for m in catalog if m.context == context)
    entry.flags.add("fuzzy")
    with po_path.open("wb") as f:
        write_po(f, catalog, width=0)


def listed(client) -> dict:
    """Return {tag: completeness summary} of /v1/locales."""
    return {e["tag"]: e["completeness"] for e in client.get("/v1/locales").get_json()["locales"]}


def stored_client(library, tmp_path, url=None):
    content, translations = library
    mark_fuzzy(translations / "es" / "LC_MESSAGES" / "content.po", "muscle-spasms/meta/title")
    config = {"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations, "PARSE_CACHE_DIR": "off",
              "CATALOG_HISTORY_DIR": tmp_path / "history",
              "DATABASE_URL": url or f"sqlite:///{tmp_path}/store.db"}  # fmt: skip
    return create_app(config).test_client()


def test_the_stores_summary_is_what_walking_every_topic_counts(library, tmp_path):
    check_against_walking(library, stored_client(library, tmp_path))


def test_postgresql_counts_what_walking_every_topic_counts(library, tmp_path, postgres_url):
    check_against_walking(library, stored_client(library, tmp_path, postgres_url))


def check_against_walking(library, client):
    stored = {e["tag"]: e["completeness"] for e in client.get("/v1/locales").get_json()["locales"]}
    files = load_service(*library, "en").store  # the files in memory: every topic walked in Python
    walked = {e["tag"]: e["completeness"] for e in orjson.loads(files.locales.body)["locales"]}
    for tag in walked:
        assert stored[tag] == walked[tag], (tag, stored[tag], walked[tag])
    assert stored["es"]["outdated"] > 0 and stored["fr"]["missing"] > 0  # every state is counted somewhere
    assert stored["en"]["ratio"] == 1.0 and stored["en"]["topics_served"] == stored["en"]["topics"] == 2


def test_the_summary_adds_up_the_per_topic_completeness_and_the_topic_lists_locales(library, tmp_path):
    client = stored_client(library, tmp_path)
    summary = {e["tag"]: e["completeness"] for e in client.get("/v1/locales").get_json()["locales"]}
    topics = client.get("/v1/topics?locale=en").get_json()["topics"]
    per_topic = {t["id"]: client.get(f"/v1/topics/{t['id']}/completeness").get_json() for t in topics}
    for tag, totals in summary.items():
        for key in COUNTS:
            assert totals[key] == sum(body["completeness"][tag][key] for body in per_topic.values()), (tag, key)
        assert totals["topics_served"] == sum(tag in t["locales"] for t in topics), tag
    assert summary["es"]["topics_served"] < summary["es"]["topics"]  # the fuzzy title: muscle-spasms falls back
    catalogs = {c["locale"]: c["completeness"] for c in client.get("/v1/catalogs").get_json()["catalogs"]}
    assert catalogs == {tag: totals for tag, totals in summary.items() if tag != "en"}


def test_the_lists_are_built_once_and_answer_304(library, tmp_path):
    client = stored_client(library, tmp_path)
    for url in ("/v1/locales", "/v1/catalogs", "/v1/topics/sample-topic/completeness"):
        first = client.get(url)
        assert first.status_code == 200 and first.headers["ETag"]
        assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get("/v1/topics/nope/completeness").status_code == 404


def test_a_publish_recounts_its_locale_and_the_next_list_says_so(library, tmp_path):
    content, translations = library
    config = {"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations, "PARSE_CACHE_DIR": "off",
              "CATALOG_HISTORY_DIR": tmp_path / "history", "TRANSLATOR_TOKENS": TOKENS}  # fmt: skip
    writer = create_app(config).test_client()

    def french():
        return {e["tag"]: e["completeness"] for e in writer.get("/v1/locales").get_json()["locales"]}["fr"]

    po = translations / "fr" / "LC_MESSAGES" / "content.po"
    before, partial = po.read_bytes(), french()
    add_translations(po, SAMPLE / "2.yaml", "[fr]")  # the link's purpose too: the sample is whole in French
    whole = po.read_bytes()
    published = writer.put("/v1/catalogs/fr", data=whole, headers=publish_headers(before, {"Authorization":
                           f"Bearer {OTHER}"}))  # fmt: skip
    assert published.status_code == 200, published.get_json()
    after = french()
    assert (after["current"], after["missing"]) == (partial["current"] + 1, partial["missing"] - 1)
    assert (after["sections_served"], after["topics_served"]) == (partial["sections_served"] + 1, 2)
    listed = {c["locale"]: c["completeness"] for c in writer.get("/v1/catalogs").get_json()["catalogs"]}
    assert listed["fr"] == after
    again = {**publish_headers(before, {"Authorization": f"Bearer {OTHER}"}), "If-Match": published.headers["ETag"]}
    restored = writer.put("/v1/catalogs/fr", data=before, headers=again)
    assert restored.status_code == 200 and french() == partial


def test_an_import_of_a_new_version_recounts_that_topic_in_every_locale(library, tmp_path):
    content = library[0]
    lock, v2 = content / "versions.lock", content / "sample-topic" / "2.yaml"
    locked, raw = lock.read_text(encoding="utf-8"), v2.read_bytes()
    lock.write_text("".join(line for line in locked.splitlines(True) if "sample-topic/2.yaml" not in line))
    v2.unlink()
    before = listed(stored_client(library, tmp_path))
    v2.write_bytes(raw)
    lock.write_text(locked, encoding="utf-8")
    after = listed(stored_client(library, tmp_path))  # the same store: its start-up imports version 2
    walked = {
        e["tag"]: e["completeness"] for e in orjson.loads(load_service(*library, "en").store.locales.body)["locales"]
    }
    assert after == walked
    assert after["es"]["outdated"] > before["es"]["outdated"]  # es translated version 1: version 2's intro is not
