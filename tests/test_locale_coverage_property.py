"""Whatever a catalog holds of a topic (current, fuzzy, outdated, missing), the store counts what walking counts."""

import io
import tempfile

from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.render.service import load_service
from api.store.engine import open_engine
from api.store.imports import fill
from api.store.reads import Reads

ORIGINAL: dict[str, bytes] = {}  # the fixture's French catalog, before the first example rewrote it
ACTIONS = st.sampled_from(["keep", "drop", "fuzzy", "outdated"])


def rewrite(raw: bytes, actions: list[str]) -> bytes:
    """Return the French catalog with each sample-topic entry kept, dropped, made fuzzy or made outdated."""
    catalog = read_po(io.BytesIO(raw))
    sample = [m for m in catalog if m.id and str(m.context or "").startswith("sample-topic/")]
    for message, action in zip(sample, actions, strict=False):
        if action == "drop":
            del catalog[message.id, message.context]
        elif action == "fuzzy":
            message.flags.add("fuzzy")
        elif action == "outdated":  # translated for English the topic no longer has
            del catalog[message.id, message.context]
            catalog.add(message.id + " (earlier wording)", message.string, context=message.context)
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTIONS, min_size=1, max_size=40))
def test_the_store_counts_what_walking_counts(library, actions):
    content, translations = library
    po = translations / "fr" / "LC_MESSAGES" / "content.po"
    po.write_bytes(rewrite(ORIGINAL.setdefault(str(po), po.read_bytes()), actions))  # each example from the fixture's
    with tempfile.TemporaryDirectory() as where:
        engine = open_engine(f"sqlite:///{where}/store.db")
        fill(engine, content, translations)
        stored = Reads(engine).coverage()
        engine.dispose()
    files = load_service(content, translations, "en").store
    for tag in ("en", "fr", "es"):
        assert stored[tag] == files.coverage(tag), (tag, actions)
