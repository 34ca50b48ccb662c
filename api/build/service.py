"""Load content and catalogs, and build the store and negotiator the HTTP layer serves from."""

from dataclasses import dataclass
from pathlib import Path

from api.build.handout import HANDOUT_MESSAGES
from api.build.localize import SOURCE_LOCALE
from api.build.store import Store
from api.build.widget import WIDGET_MESSAGES, widget_messages
from api.content.codes import NO_CODES, CodeIndex, load_codes
from api.content.loader import load_library
from api.i18n.catalogs import discover_locales, load_catalog
from api.i18n.messages import compile_api_messages
from api.i18n.negotiate import Negotiator, load_negotiator
from api.parse_cache import no_cache
from api.store.reads import Reads


@dataclass(frozen=True)
class Service:
    store: Store
    negotiator: Negotiator
    codes: CodeIndex = NO_CODES  # which topics answer which clinical codes (content/codes.yaml)


def load_service(content_dir: Path, translations_dir: Path, default_locale: str, cache=no_cache) -> Service:
    """Validate everything on disk and prebuild every representation, or raise naming the bad file."""
    library = load_library(content_dir, cache)
    catalogs = {tag: load_catalog(translations_dir, tag, cache) for tag in discover_locales(translations_dir)}
    return build_service(library, catalogs, load_codes(content_dir, library), translations_dir, default_locale)


def store_service(reads: Reads, translations_dir: Path, default_locale: str) -> Service:
    """Build the service from the store's reads (locales.yaml and the API's messages stay code, on disk)."""
    catalogs = {tag: reads.catalog(tag) for tag in reads.locales()}
    return build_service(reads.library(), catalogs, reads.codes(), translations_dir, default_locale)


def build_service(library, catalogs, codes: CodeIndex, translations_dir: Path, default_locale: str) -> Service:
    """Prebuild every representation of this library in these catalogs."""
    negotiator = load_negotiator(translations_dir / "locales.yaml", catalogs, default_locale)
    if default_locale != SOURCE_LOCALE and default_locale not in catalogs:
        raise ValueError(f"DEFAULT_LOCALE {default_locale!r} has no catalog in {translations_dir}")
    wanted = {**WIDGET_MESSAGES, **HANDOUT_MESSAGES}  # the notices and the handout's words, per locale
    messages = widget_messages(translations_dir, compile_api_messages(translations_dir), wanted)
    store = Store(library, catalogs, default_locale, messages=messages)
    store.warm(negotiator.for_tag(tag) for tag in (SOURCE_LOCALE, *catalogs))
    return Service(store, negotiator, codes)
