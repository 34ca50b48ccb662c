"""Build an expensive representation (a handout) once per fleet: a claim row is the single flight, the bytes stay."""

import logging
import time
from collections.abc import Callable

import orjson
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from api.store import schema as t

log = logging.getLogger(__name__)
STALE_SECONDS = 120  # a claim older than this was left by a builder that died: another one takes over
POLL_SECONDS, WAIT_SECONDS = 0.05, 60


class StoredBuilds:
    """Built bytes in the store by key; concurrent requests anywhere in the fleet for one key build it once."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def _found(self, key: str):
        h = t.handouts.c
        with self.engine.connect() as connection:
            return connection.execute(select(h.done, h.claimed_at, h.header, h.body).where(h.key == key)).first()

    def _claim(self, key: str, stale_at: int | None) -> bool:
        """Claim the build (a new row, or a stale claim taken over); say whether this caller won it."""
        h, now = t.handouts.c, int(time.time())
        with self.engine.begin() as connection:
            if stale_at is None:
                connection.execute(insert(t.handouts).values(key=key, claimed_at=now, done=False))
                return True
            stale = (h.key == key) & h.done.is_(False) & (h.claimed_at == stale_at)  # unless another took it over
            taken = connection.execute(update(t.handouts).where(stale).values(claimed_at=now))
            return taken.rowcount == 1

    def get(self, key: str, build: Callable[[], tuple[dict, bytes]]) -> tuple[dict, bytes]:
        """Return (header, body) stored under key, building and storing it if nobody has; a failing store builds."""
        try:
            return self._get(key, build)
        except DBAPIError as error:
            log.warning("building %s without the store: %s", key, str(error).splitlines()[0])
            return build()

    def _get(self, key: str, build):
        deadline, stale_at = time.monotonic() + WAIT_SECONDS, None
        while True:
            found = self._found(key)
            if found is not None and found.done:
                return orjson.loads(found.header), found.body
            if found is not None and found.claimed_at < time.time() - STALE_SECONDS:
                stale_at = found.claimed_at
            if found is None or stale_at is not None:
                try:
                    if self._claim(key, stale_at):
                        return self._build(key, build)
                except IntegrityError:
                    pass  # another request claimed it first: wait for its bytes
            if time.monotonic() > deadline:
                return build()  # never make a patient wait forever on another builder
            time.sleep(POLL_SECONDS)

    def _build(self, key: str, build):
        try:
            header, body = build()
        except BaseException:
            with self.engine.begin() as connection:
                connection.execute(delete(t.handouts).where(t.handouts.c.key == key, t.handouts.c.done.is_(False)))
            raise
        with self.engine.begin() as connection:
            connection.execute(update(t.handouts).where(t.handouts.c.key == key).values(
                done=True, header=orjson.dumps(header).decode(), body=body))  # fmt: skip
        return header, body
