"""Tests never open the checkout's default store: each test, module and gunicorn a test starts has one of its own."""

import os
from pathlib import Path

from api import create_app
from tests.stores import CHECKOUT_DATA, STORES, store_env


def store_file(app) -> Path:
    return Path(app.extensions["reads"].engine.url.database).resolve()


def test_an_app_a_test_creates_opens_the_tests_own_store(own_store):
    path = store_file(create_app({"PINNED_ARCHIVE_DIR": "off"}))
    assert path.is_relative_to(own_store.resolve()) and path.exists()
    assert not path.is_relative_to(CHECKOUT_DATA.resolve())
    assert Path(os.environ["CATALOG_HISTORY_DIR"]) == own_store  # and every process it starts inherits it


def test_a_gunicorn_a_test_starts_opens_that_store_or_its_catalogs_own():
    env = {**os.environ}
    assert store_env(env, {})["CATALOG_HISTORY_DIR"] == os.environ["CATALOG_HISTORY_DIR"]  # the test's
    assert Path(os.environ["CATALOG_HISTORY_DIR"]).is_relative_to(STORES)
    named = store_env(env, {"TRANSLATIONS_DIR": "/tmp/t"})["CATALOG_HISTORY_DIR"]
    assert named == "/tmp/t/.history"  # as create_app picks it: two catalogs, two stores
    assert "CATALOG_HISTORY_DIR" not in store_env(env, {}, default_store=True)  # a copy's README default
    assert store_env(env, {"DATABASE_URL": "postgresql://x"})["CATALOG_HISTORY_DIR"] == env["CATALOG_HISTORY_DIR"]


def test_the_shells_database_url_is_never_the_tests():
    assert "DATABASE_URL" not in os.environ
