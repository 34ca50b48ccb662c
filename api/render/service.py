"""Build the service the HTTP layer serves from: a negotiator, and a Store over the store's indexed reads."""

from dataclasses import dataclass
from pathlib import Path

from api.content.codes import NO_CODES, CodeIndex, load_codes
from api.content.loader import load_library
from api.i18n.catalogs import discover_locales, load_catalog
from api.i18n.messages import compile_api_messages
from api.i18n.negotiate import Negotiator, load_negotiator
from api.parse_cache import no_cache
from api.render.handout import HANDOUT_MESSAGES
from api.render.indexed import StoreReads
from api.render.localize import SOURCE_LOCALE
from api.render.reads import MemoryReads
from api.render.store import DEFAULT_ENTRIES, Store
from api.render.widget import WIDGET_MESSAGES, widget_messages
from api.store.reads import Reads


@dataclass(frozen=True)
class Service:
    store: Store
    negotiator: Negotiator
    codes: CodeIndex = NO_CODES  # which topics answer which clinical codes (content/codes.yaml)


def load_service(content_dir: Path, translations_dir: Path, default_locale: str, cache=no_cache,
                 entries: int = DEFAULT_ENTRIES) -> Service:  # fmt: skip
    """Validate the files and serve them from memory (tests and benches; the app serves the store)."""
    library = load_library(content_dir, cache)
    catalogs = {tag: load_catalog(translations_dir, tag, cache) for tag in discover_locales(translations_dir)}
    reads = MemoryReads(library, catalogs)
    return serve(reads, list(catalogs), translations_dir, default_locale, entries, load_codes(content_dir, library))


def serve(reads, tags: list[str], translations_dir: Path, default_locale: str, entries: int, codes,
          messages: dict | None = None) -> Service:  # fmt: skip
    """Return the service over these reads: the negotiator of these locales and a Store of bounded caches."""
    negotiator = load_negotiator(translations_dir / "locales.yaml", tags, default_locale)
    if default_locale != SOURCE_LOCALE and default_locale not in tags:
        raise ValueError(f"DEFAULT_LOCALE {default_locale!r} has no catalog in {translations_dir}")
    if messages is None:
        wanted = {**WIDGET_MESSAGES, **HANDOUT_MESSAGES}  # the notices and the handout's words, per locale
        chains = {tag: negotiator.chain(tag) for tag in tags}  # a message a locale lacks comes from its chain
        messages = widget_messages(translations_dir, compile_api_messages(translations_dir), wanted, chains)
    store = Store(reads, tags, default_locale, messages, entries)
    store.warm(negotiator.for_tag(tag) for tag in (SOURCE_LOCALE, *tags))
    return Service(store, negotiator, codes)


def store_service(reads: Reads, translations_dir: Path, default_locale: str, entries: int = DEFAULT_ENTRIES,
                  seq: int | None = None, messages: dict | None = None) -> Service:  # fmt: skip
    """Serve the store's reads at a publish sequence (its current one by default), each built on first request."""
    at = StoreReads(reads, reads.sequence() if seq is None else seq, reads.identity())
    return serve(at, reads.locales(), translations_dir, default_locale, entries, reads.codes(), messages)
