"""The service a worker answers from, kept in step with the store, which any replica may publish to.

Each worker polls the store's publish sequence (one primary-key read, at most every POLL_SECONDS, on a
request) and, when it moved, answers from a new Store at that sequence: its representations are read and
built again on first request, with the locales, negotiator and codes read again. Workers
of one gunicorn also share a counter, so that a publish is served by its own replica's workers at once. A
worker only ever reports the sequence it has applied.
"""

import logging
import multiprocessing
import threading
import time

from sqlalchemy.exc import DBAPIError

from api.render.service import Service, store_service
from api.store.reads import Reads

log = logging.getLogger(__name__)
POLL_SECONDS = 0.25


class LiveService:
    """Hold this worker's Service and keep it in step with the store."""

    def __init__(self, service: Service, reads: Reads, translations_dir, default_locale: str):
        self.service, self.reads = service, reads
        self.translations_dir, self.default_locale = translations_dir, default_locale
        self.generation = multiprocessing.RawValue("Q", 0)  # created before gunicorn forks: shared by its workers
        self.swapping = threading.Lock()
        self.seen, self.checked = 0, time.monotonic()
        self.applied = service.store.reads.sequence()  # the publish sequence this worker serves (read first)

    def current(self) -> Service:
        """Return the service to answer this request from, catching up first if the store moved."""
        if self.generation.value != self.seen:  # a publish on this replica: never answer from before it
            self.refresh(wait=True)
        elif time.monotonic() - self.checked >= POLL_SECONDS:  # another replica's publish: seen within a poll
            self.refresh(wait=False)
        return self.service

    def refresh(self, wait: bool = True) -> Service:
        """Read the publish sequence now and catch up with it; on a store that is down, keep what is served."""
        try:
            self._catch_up(wait)
        except DBAPIError as error:  # keep answering from the service we have; a later request retries
            log.warning("could not read the store's publish sequence: %s", str(error).splitlines()[0])
        return self.service

    def _catch_up(self, wait: bool) -> None:
        # A poll may answer from what is served while another thread catches up; after a publish on this
        # replica a thread waits for that catch-up, so no answer after the publish's 200 comes from before it.
        if not self.swapping.acquire(blocking=wait):
            return
        try:
            generation, self.checked = self.generation.value, time.monotonic()
            target = self.reads.sequence()  # read after the generation: a publish counted is a publish read
            if target == self.applied:
                self.seen = generation
                return
            # Built on demand, so nothing is rebuilt now: a Store at the new sequence starts its caches again,
            # and its cursors name that sequence (read before the reads it will serve: never ahead of them).
            store = self.service.store
            service = store_service(self.reads, self.translations_dir, self.default_locale, store.entries, target,
                                    store.messages)  # fmt: skip
            self.service, self.applied = service, target
            self.seen = generation  # only now: until the new service is in place, other threads wait for it
        finally:
            self.swapping.release()

    def published(self) -> None:
        """Tell every worker of this gunicorn, this one first, that the store changed."""
        self.generation.value += 1
        self._catch_up(wait=True)  # after a catch-up in progress, our own
