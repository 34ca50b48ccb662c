"""Stores of the tests' own: no test opens the checkout's default store (translations/.history), and a run checks it.

Importing this module points CATALOG_HISTORY_DIR at a per-run directory and drops a DATABASE_URL of the shell, so
that create_app() and every process a test starts open a store the run made; `own_store` and `module_store`
(autouse, in conftest) give each test and each module a directory of its own. Only the README walkthroughs open
a default store: their copy's.
"""

import itertools
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORES = Path(tempfile.mkdtemp(prefix="test-stores-"))  # a directory per test and per module (see conftest)
OUTSIDE_TESTS = str(STORES / "outside-tests")  # apps started by session fixtures; their gunicorns get their own
os.environ["CATALOG_HISTORY_DIR"] = OUTSIDE_TESTS
os.environ.pop("DATABASE_URL", None)
CHECKOUT_DATA = ROOT / "translations" / ".history"  # the README's default store: the user's, never the tests'
_numbers = itertools.count()


def fresh_store_dir() -> Path:
    """Return a fresh data directory for a test or a module (made when a store is opened there: open_engine)."""
    return STORES / f"test-{next(_numbers)}"


def store_env(env: dict, extra_env: dict, default_store: bool = False) -> dict:
    """Return env updated with extra_env and the store a test's gunicorn opens, never the checkout's.

    Named TRANSLATIONS_DIR alone: its .history, as create_app picks it (two servers of different catalogs in one
    test never share a store). Named nothing, in a session fixture (outside every module and test): its own
    directory. default_store: the default of the copy it runs in (its translations/.history), as a user's would.
    """
    env = {**env, **extra_env}
    if "CATALOG_HISTORY_DIR" in extra_env or "DATABASE_URL" in extra_env:
        return env
    if default_store:
        env.pop("CATALOG_HISTORY_DIR", None)
    elif "TRANSLATIONS_DIR" in extra_env:
        env["CATALOG_HISTORY_DIR"] = str(Path(extra_env["TRANSLATIONS_DIR"]) / ".history")
    elif env.get("CATALOG_HISTORY_DIR", OUTSIDE_TESTS) == OUTSIDE_TESTS:
        env["CATALOG_HISTORY_DIR"] = tempfile.mkdtemp(prefix="gunicorn-", dir=STORES)
    return env


def data_files(directory: Path) -> dict | None:
    """Return {path: (size, mtime)} of everything under a directory, or None when it does not exist."""
    if not directory.exists():
        return None
    return {str(path): (path.stat().st_size, path.stat().st_mtime_ns) for path in directory.rglob("*")}


CHECKOUT_DATA_BEFORE = data_files(CHECKOUT_DATA)


def checkout_data_changes() -> list[str]:
    """Return what under the checkout's data directory was created, changed or removed since this run began."""
    now = data_files(CHECKOUT_DATA)
    if now == CHECKOUT_DATA_BEFORE:
        return []
    before, after = CHECKOUT_DATA_BEFORE or {}, now or {}
    return sorted(path for path in {*before, *after} if before.get(path) != after.get(path)) or [str(CHECKOUT_DATA)]


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if any test created or changed anything in the checkout's default data directory."""
    changed = checkout_data_changes()
    if changed:
        message = f"FAILED: tests created or changed {CHECKOUT_DATA} (use a store of their own): {changed[:20]}"
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(message, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
