"""The sync property (tests/test_sync_property.py) on both stores: SQLite, and PostgreSQL shared by two replicas."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.fleet.conftest import store_landed
from tests.test_sync_property import SyncMachine

pytestmark = [
    pytest.mark.fleet,
    pytest.mark.skipif(not store_landed(), reason="needs the store branch: main ignores DATABASE_URL"),
]
BOUNDED = settings(max_examples=10, stateful_step_count=12, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


def test_sync_protocol_never_leaves_an_app_silently_stale_on_sqlite():
    class OnSQLite(SyncMachine):
        def store_settings(self) -> dict:
            return {"DATABASE_URL": f"sqlite:///{self.root}/store.sqlite3"}  # one file, both replicas

    run_state_machine_as_test(OnSQLite, settings=BOUNDED)


def test_sync_protocol_never_leaves_an_app_silently_stale_with_two_replicas_on_postgresql(postgres):
    class OnPostgres(SyncMachine):
        def store_settings(self) -> dict:
            if not hasattr(self, "database"):  # a fresh database for each example, shared by its replicas
                self.database = postgres.fresh_database()
            return {"DATABASE_URL": self.database}

    run_state_machine_as_test(OnPostgres, settings=BOUNDED)
