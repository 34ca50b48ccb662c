"""The sync property (tests/test_sync_property.py) on a store two replicas share: PostgreSQL, and an SQLite file.

On top of the property's own invariant, replicas that share a store must agree once they have polled it:
the workers' poll interval is set to 0 here, so after every step both replicas serve the same catalogs and
topics. Bounded: 6 examples of up to 12 steps each, derandomized.
"""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test

from tests.test_sync_property import LOCALES, SyncMachine

pytestmark = pytest.mark.fleet
BOUNDED = settings(max_examples=6, stateful_step_count=12, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


class SharedStore(SyncMachine):
    """The sync machine, plus: replicas sharing one store serve the same thing once they have polled it."""

    def database_url(self) -> str:
        raise NotImplementedError

    def store_settings(self) -> dict:
        if not hasattr(self, "database"):  # one store per example, shared by its replicas and their restarts
            self.database = self.database_url()
        return {"DATABASE_URL": self.database}

    @invariant()
    def replicas_sharing_a_store_serve_the_same(self):
        for path in ["/v1/catalogs/es", *(f"/v1/topics/muscle-spasms?locale={tag}" for tag in LOCALES)]:
            answers = {(r.status_code, r.headers.get("ETag")) for r in (c.get(path) for c in self.replicas)}
            assert len(answers) == 1, (path, answers)


@pytest.fixture(autouse=True)
def poll_on_every_request(monkeypatch):
    monkeypatch.setattr("api.publishing.live.POLL_SECONDS", 0)


def test_two_replicas_sharing_postgresql_never_leave_an_app_silently_stale(postgres):
    class OnPostgres(SharedStore):
        def database_url(self) -> str:
            return postgres.fresh_database()

    run_state_machine_as_test(OnPostgres, settings=BOUNDED)


def test_two_replicas_sharing_an_sqlite_file_never_leave_an_app_silently_stale():
    class OnSQLite(SharedStore):
        def database_url(self) -> str:
            return f"sqlite:///{self.root}/shared.sqlite3"

    run_state_machine_as_test(OnSQLite, settings=BOUNDED)
