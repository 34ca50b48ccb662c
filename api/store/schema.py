"""The store's tables (SQLAlchemy Core): content index, catalogs, audit, pinned bytes, handouts, sequence."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()
SCHEMA_VERSION = "3"  # bump with every change to these tables (no migrations before the first release)

# One row: a random identity made when the store was created, and the publish sequence, bumped by every
# publish and import in the same transaction as its rows. Replicas poll it to learn of changes.
state = Table(
    "store_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", String(32), nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("created_at", String(40), nullable=False),
)  # fmt: skip

# Every source file imported, by path and digest, so start-up only re-imports what changed.
sources = Table(
    "sources", metadata,
    Column("name", String(300), primary_key=True),
    Column("digest", String(64), nullable=False),
)  # fmt: skip

topics = Table(
    "topics", metadata,
    Column("topic_id", String(200), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("published", String(10), nullable=False),
    Column("title", Text, nullable=False),
    Column("name", String(300), nullable=False),  # <topic>/<version>.yaml, as in versions.lock
    Column("raw", LargeBinary, nullable=False),  # the published YAML bytes, parsed on read
)  # fmt: skip

units = Table(
    "units", metadata,
    Column("topic_id", String(200), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("context", String(400), nullable=False),
    Column("english", Text, nullable=False),
    Column("grp", String(200), nullable=False),  # "meta" or the section id
)  # fmt: skip

codes = Table(
    "codes", metadata,
    Column("topic_id", String(200), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("system", String(40), nullable=False),
    Column("code", String(40), nullable=False),
    Column("display", Text, nullable=False),
)  # fmt: skip

catalogs = Table(
    "catalogs", metadata,
    Column("locale", String(40), primary_key=True),
    Column("revision", String(16), nullable=False),
    Column("review", Text, nullable=False),  # the review record (review.yaml) as JSON
    Column("review_raw", LargeBinary),  # review.yaml's bytes, for export (None: the locale had none)
    Column("fuzzy", Integer, nullable=False),
    Column("revised", String(40)),  # PO-Revision-Date, ISO 8601, when it holds a date
)  # fmt: skip

revisions = Table(
    "catalog_revisions", metadata,
    Column("locale", String(40), primary_key=True),
    Column("revision", String(16), primary_key=True),
    Column("raw", LargeBinary, nullable=False),
)  # fmt: skip

# Translated, fuzzy or obsolete entries of each locale's current catalog; topic_id is the context's first part.
translations = Table(
    "translations", metadata,
    Column("locale", String(40), primary_key=True),
    Column("context", String(400), primary_key=True),
    Column("msgid_key", String(32), primary_key=True),  # a digest: PostgreSQL cannot index a long paragraph
    Column("msgid", Text, nullable=False),
    Column("topic_id", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("state", String(10), nullable=False),  # translated, fuzzy, obsolete
    Index("translations_by_topic", "locale", "topic_id"),
)  # fmt: skip

audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sequence", BigInteger, nullable=False),
    Column("locale", String(40), nullable=False),
    Column("action", String(20), nullable=False),  # publish, restore, import
    Column("actor", String(200), nullable=False),
    Column("before", String(16), nullable=False),
    Column("after", String(16), nullable=False),
    Column("at", String(40), nullable=False),
    Column("counts", Text, nullable=False),  # JSON
    Index("audit_by_locale", "locale", "id"),
)  # fmt: skip

# What each sequence number changed: (locale, topic); "en" for content.
EVERY_TOPIC = "*"  # a change's topic_id when it changed every topic of its locale
changes = Table(
    "changes", metadata,
    Column("sequence", BigInteger, primary_key=True),
    Column("locale", String(40), primary_key=True),
    Column("topic_id", String(200), primary_key=True),
)  # fmt: skip

pinned = Table(
    "pinned", metadata,
    Column("key", String(32), primary_key=True),  # blake2b of the URL
    Column("url", Text, nullable=False),
    Column("header", Text, nullable=False),  # JSON: etag, modified, content_language, media_type
    Column("body", LargeBinary, nullable=False),
)  # fmt: skip

handouts = Table(
    "handouts", metadata,
    Column("key", String(64), primary_key=True),  # sha256 of topic/version/locale/sections/revisions
    Column("claimed_at", Integer, nullable=False),  # unix time a builder claimed it; a stale claim is taken over
    Column("done", Boolean, nullable=False),
    Column("header", Text),
    Column("body", LargeBinary),
)  # fmt: skip
