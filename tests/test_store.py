"""The store (api/store/) on both backends: an import of the files reads back as what the files say."""

import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from api.content.codes import load_codes
from api.content.loader import load_library
from api.i18n.catalogs import discover_locales, load_catalog
from api.i18n.repository import RevisionConflict, revision_of
from api.store import schema
from api.store.engine import normalize_url, open_engine
from api.store.imports import ImportConflict, fill
from api.store.reads import Reads
from api.store.state import SchemaMismatch
from api.store.writes import publish_catalog

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.sqlite3"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(store_url):
    engine = open_engine(store_url)
    yield engine
    engine.dispose()


def test_database_urls_map_to_the_drivers():
    assert normalize_url("postgresql://app@db:5432/content") == "postgresql+psycopg://app@db:5432/content"
    assert normalize_url("postgres://app@db/content").startswith("postgresql+psycopg://")
    assert normalize_url("sqlite:////var/lib/x.sqlite3") == "sqlite:////var/lib/x.sqlite3"
    with pytest.raises(ValueError, match="DATABASE_URL"):
        normalize_url("mysql://x@y/z")


def test_an_import_reads_back_as_the_files_say(engine):
    first = fill(engine, ROOT / "content", ROOT / "translations")
    reads = Reads(engine)
    assert first["topics"] == 1 and first["catalogs"] == discover_locales(ROOT / "translations")
    library = {
        k: [replace(v, path=f"{k}/{v.version}.yaml") for v in vs] for k, vs in load_library(ROOT / "content").items()
    }
    assert reads.topic_ids() == sorted(library)
    assert reads.library() == {k: [reads.topic(k, v.version) for v in vs] for k, vs in library.items()}
    assert reads.topic("muscle-spasms") == library["muscle-spasms"][-1]
    assert reads.codes().by_topic == load_codes(ROOT / "content", library).by_topic
    for tag in reads.locales():
        assert reads.catalog(tag) == load_catalog(ROOT / "translations", tag)
        assert reads.catalog_raw(tag) == (ROOT / "translations" / tag.replace("-", "_") / "LC_MESSAGES" /
                                          "content.po").read_bytes()  # fmt: skip
    sequence = reads.sequence()
    assert sequence == 1 + len(first["catalogs"])
    assert fill(engine, ROOT / "content", ROOT / "translations") == {"topics": 0, "catalogs": [], "conflicts": []}
    assert reads.sequence() == sequence  # nothing changed: nothing bumped
    assert [c.sequence for c in reads.changes_since(sequence - 1)] == [sequence]
    assert len(reads.identity()) == 16


def test_topic_ids_page(library, store_url):
    engine = open_engine(store_url)
    fill(engine, *library)
    reads = Reads(engine)
    assert reads.topic_ids() == ["muscle-spasms", "sample-topic"]
    assert reads.topic_ids(limit=1) == ["muscle-spasms"]
    assert reads.topic_ids(after="muscle-spasms", limit=1) == ["sample-topic"]
    assert reads.topic_ids(after="sample-topic") == []
    assert reads.topic("sample-topic").version == 2 and reads.topic("sample-topic", 1).version == 1
    assert reads.topic("nope") is None and reads.topic("sample-topic", 3) is None


def test_translations_say_each_units_state(library, store_url):
    engine = open_engine(store_url)
    fill(engine, *library)
    reads = Reads(engine)
    es = {u.context: u for u in reads.translations("es", "sample-topic")}
    catalog = load_catalog(library[1], "es")
    topic = reads.topic("sample-topic")
    from api.content.walk import iter_units

    for unit in iter_units(topic):  # the store says what the catalog's own state() says
        expected = {"current": "translated"}.get(
            catalog.state(unit.context, unit.text), catalog.state(unit.context, unit.text)
        )
        assert es[unit.context].state == expected, unit.context
    assert {u.state for u in es.values()} >= {"translated", "outdated"}
    fr = {u.context: u for u in reads.translations("fr", "sample-topic")}
    assert fr["sample-topic/links/more/example/purpose"].state == "missing"
    assert fr["sample-topic/links/more/example/purpose"].text is None
    assert {u.state for u in reads.translations("ar", "sample-topic")} == {"missing"}


def test_a_publish_is_one_audited_transaction(engine):
    fill(engine, ROOT / "content", ROOT / "translations")
    reads = Reads(engine)
    old = reads.catalog_raw("es")
    new = old.replace(b'msgstr "Espasmos musculares"', b'msgstr "Espasmos de los musculos"', 1)
    assert new != old
    with pytest.raises(RevisionConflict):
        publish_catalog(engine, "es", new, "translator", if_match={"0000000000000000"})
    sequence = reads.sequence()
    record = publish_catalog(engine, "es", new, "translator", if_match={revision_of(old)})
    assert record.sequence == reads.sequence() == sequence + 1
    assert reads.catalog_meta("es").revision == revision_of(new)
    assert reads.catalog("es").translate("muscle-spasms/meta/title", "Muscle Spasms") == "Espasmos de los musculos"
    assert [(c.locale, c.topic_id) for c in reads.changes_since(sequence)] == [("es", "muscle-spasms")]
    top = reads.history("es")[0]
    assert (top["action"], top["actor"]) == ("publish", "translator")
    assert (top["before"], top["after"]) == (revision_of(old), revision_of(new))
    assert reads.catalog_raw("es", revision_of(old)) == old  # every revision stays, for rollback


def test_an_import_never_silently_overwrites_an_http_publish(engine, library):
    content, translations = library
    fill(engine, content, translations)
    reads = Reads(engine)
    raw = reads.catalog_raw("fr")
    publish_catalog(engine, "fr", raw + b"\n", "alice")
    assert fill(engine, content, translations) == {"topics": 0, "catalogs": [], "conflicts": []}  # files unchanged
    po = translations / "fr" / "LC_MESSAGES" / "content.po"
    po.write_bytes(raw.replace(b"Content-Type", b"Content-Type", 1) + b"\n\n")  # a deploy brings other fr bytes
    assert fill(engine, content, translations, strict=False)["conflicts"]  # start-up keeps the publish, says so
    os.utime(po, ns=(1, time.time_ns()))  # and again, on the next deploy
    with pytest.raises(ImportConflict, match=r"fr: revision \w{16}, published by alice at "):
        fill(engine, content, translations)
    assert reads.catalog_meta("fr").revision == revision_of(raw + b"\n")
    po.write_bytes(raw + b"\n")  # the publish exported and committed: the files contain it
    assert fill(engine, content, translations)["catalogs"] == []
    po.write_bytes(raw)
    assert fill(engine, content, translations, force=True)["catalogs"] == ["fr"]
    assert reads.history("fr")[0]["action"] == "import"


def test_two_replicas_filling_an_empty_store_at_once_import_it_once(store_url):
    engines = [open_engine(store_url) for _ in range(3)]
    errors = []

    def start(engine):
        try:
            fill(engine, ROOT / "content", ROOT / "translations")
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with engines[0].connect() as connection:
        imports = connection.execute(select(func.count()).select_from(schema.audit)).scalar()
        assert connection.execute(select(func.count()).select_from(schema.state)).scalar() == 1
    assert imports == 1 + len(discover_locales(ROOT / "translations"))


def test_a_store_of_another_schema_is_refused_by_name(engine):
    fill(engine, ROOT / "content", ROOT / "translations")
    with engine.begin() as connection:
        connection.execute(schema.sources.update().where(schema.sources.c.name == "schema").values(digest="0"))
    with pytest.raises(SchemaMismatch, match=f"another schema than {schema.SCHEMA_VERSION}"):
        fill(engine, ROOT / "content", ROOT / "translations")
