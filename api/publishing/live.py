"""The service a worker answers from, swapped whole when any worker publishes a catalog.

With gunicorn's preload_app the master creates the shared counter before forking, so every
worker sees each publish: a read compares one integer in shared memory, and only when it has
moved does the worker reload the catalogs whose bytes changed on disk.
"""

import hashlib
import logging
import multiprocessing
import threading
from dataclasses import replace
from pathlib import Path

from api.build.service import Service, load_service, store_service
from api.content.codes import CODES_NAME
from api.content.lock import LOCK_NAME
from api.i18n.catalogs import catalog_path, load_catalog
from api.i18n.repository import revision_of
from api.parse_cache import no_cache

log = logging.getLogger(__name__)


class LiveService:
    """Hold this worker's Service and keep it in step with catalogs published by any worker."""

    def __init__(self, service: Service, translations_dir, cache=no_cache):
        self.service = service
        self.translations_dir, self.cache = translations_dir, cache
        self.generation = multiprocessing.RawValue("Q", 0)
        self.publishing = multiprocessing.Lock()
        self.swapping = threading.Lock()
        self.seen = 0

    def current(self) -> Service:
        """Return the service to answer this request from, reloading first if a catalog was published."""
        if self.generation.value != self.seen:
            try:
                self._catch_up()
            except OSError as error:  # keep answering from the service we have; the next request retries
                log.warning("could not load a published catalog yet: %s", error)
        return self.service

    def _catch_up(self) -> None:
        with self.swapping:
            target = self.generation.value
            if target == self.seen:
                return
            store = self.service.store
            for tag, catalog in list(store.catalogs.items()):
                if catalog is not None:
                    raw = catalog_path(self.translations_dir, tag).read_bytes()
                    if revision_of(raw) != catalog.revision:
                        store = store.with_catalog(load_catalog(self.translations_dir, tag, self.cache))
            self.service, self.seen = replace(self.service, store=store), target

    def published(self) -> None:
        """Tell every worker, this one first, that a catalog on disk changed."""
        with self.publishing:
            self.generation.value += 1
        self._catch_up()


def files_stamp(content: Path, translations: Path) -> str:
    """Return a digest of the sizes and times of the files an import reads (cheap: no file is opened)."""
    paths = [content / LOCK_NAME, content / CODES_NAME, *sorted(translations.glob("*/LC_MESSAGES/content.po")),
             *sorted(translations.glob("*/review.yaml"))]  # fmt: skip
    stats = [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p.exists()]
    return hashlib.sha256(repr(stats).encode()).hexdigest()


def fill_marker(config) -> Path | None:
    """Return where this machine notes the files it last imported into this store (None without a cache dir)."""
    if config["PARSE_CACHE_DIR"] == "off":
        return None
    name = hashlib.sha256(config["DATABASE_URL"].encode()).hexdigest()[:16]
    return Path(config["PARSE_CACHE_DIR"]) / f"filled-{name}"


def live_service(config, cache=no_cache):
    """Return this app's live service: over the store at DATABASE_URL (filled from the files), else the files."""
    entries = max(1, config["REPRESENTATION_CACHE_ENTRIES"])
    content, translations, default = config["CONTENT_DIR"], config["TRANSLATIONS_DIR"], config["DEFAULT_LOCALE"]
    if config.get("DATABASE_URL"):
        from api.store.engine import open_engine
        from api.store.imports import fill

        engine = open_engine(config["DATABASE_URL"])
        stamp, marker = files_stamp(content, translations), fill_marker(config)
        if marker is None or not marker.exists() or marker.read_text() != stamp:
            fill(engine, content, translations, cache, strict=False)
            if marker is not None:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.write_text(stamp)
        engine.dispose()  # no connection crosses a fork: each worker opens its own
        return store_service(engine, translations, default, cache, entries)
    return LiveService(load_service(content, translations, default, cache, entries), translations, cache)


def after_worker_exit(repository, live: LiveService) -> None:
    """After a worker died (even by kill -9 mid-publish): finish or undo its publish, and bring every worker up."""
    repository.recover()
    live.published()
