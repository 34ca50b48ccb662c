"""The service a worker answers from, swapped whole when any worker publishes a catalog.

With gunicorn's preload_app the master creates the shared counter before forking, so every
worker sees each publish: a read compares one integer in shared memory, and only when it has
moved does the worker reload the catalogs whose bytes changed on disk.
"""

import logging
import multiprocessing
import threading
from dataclasses import replace

from api.build.service import Service
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


def after_worker_exit(repository, live: LiveService) -> None:
    """After a worker died (even by kill -9 mid-publish): finish or undo its publish, and bring every worker up."""
    repository.recover()
    live.published()
