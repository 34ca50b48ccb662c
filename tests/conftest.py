"""Shared fixtures: the shipped app, a library with a second topic, and a live gunicorn."""

import os
import shutil
import subprocess
import tempfile
import venv
from pathlib import Path

import pytest
import requests
from babel.messages.pofile import read_po, write_po

from api import create_app
from api.content.loader import parse_topic_file
from api.content.lock import lock_version
from api.content.walk import iter_units
from tests.gunicorn import free_port, start_gunicorn, stop_gunicorn  # noqa: F401 (imported from here by tests)
from tests.hostile import write_hostile_catalog
from tests.openapi_check import validating_send
from tests.servers import postgres_cluster, postgres_url  # noqa: F401 (fixtures: a throwaway PostgreSQL)
from tests.stores import STORES, fresh_store_dir, pytest_sessionfinish  # noqa: F401 (a hook: checks the checkout)
from tests.tokens import TOKENS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = FIXTURES / "content" / "sample-topic"
# Revision URLs' archive: per test run, never inside the checkout (gunicorns started by tests inherit it).
os.environ.setdefault("PINNED_ARCHIVE_DIR", tempfile.mkdtemp(prefix="pinned-archive-"))


@pytest.fixture(scope="module", autouse=True)
def module_store():
    """Give each module's own apps and servers (module-scoped fixtures) a store of their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CATALOG_HISTORY_DIR", str(fresh_store_dir()))
        yield


@pytest.fixture(autouse=True)
def own_store(monkeypatch):
    """Give the test a store of its own: create_app() and every process it starts open it, not a shared one."""
    path = fresh_store_dir()
    monkeypatch.setenv("CATALOG_HISTORY_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def app():
    return create_app({"CATALOG_HISTORY_DIR": STORES / "session-app"})


@pytest.fixture
def client(app):
    return app.test_client()


def add_translations(po_path: Path, topic_file: Path, prefix: str, skip=()) -> None:
    """Add translations of a topic version's units to a catalog, except the contexts in skip."""
    with po_path.open("rb") as f:
        catalog = read_po(f)
    for unit in iter_units(parse_topic_file(topic_file)):
        if unit.context not in skip:
            catalog.add(unit.text, f"{prefix} {unit.text}", context=unit.context)
    with po_path.open("wb") as f:
        write_po(f, catalog, width=0)


@pytest.fixture
def library(tmp_path):
    """Copy the shipped content and catalogs, add the sample topic (v1, v2) and catalogs for it.

    es translates every v1 unit of the sample (so v2's reworded intro is outdated);
    fr translates all but the link's purpose (so the links section is missing a unit).
    """
    content, translations = tmp_path / "content", tmp_path / "translations"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(SAMPLE, content / "sample-topic")
    for version in sorted(SAMPLE.glob("*.yaml")):  # publish the fixture versions: lock their bytes
        lock_version(content, f"sample-topic/{version.name}", version.read_bytes())
    shutil.copytree(ROOT / "translations", translations)
    po = translations / "{}" / "LC_MESSAGES" / "content.po"
    add_translations(Path(str(po).format("es")), SAMPLE / "1.yaml", "[es]")
    skip = {"sample-topic/links/more/example/purpose"}
    add_translations(Path(str(po).format("fr")), SAMPLE / "2.yaml", "[fr]", skip=skip)
    return content, translations


@pytest.fixture
def library_client(library):
    content, translations = library
    return create_app({"CONTENT_DIR": content, "TRANSLATIONS_DIR": translations}).test_client()


@pytest.fixture
def translations(tmp_path):
    shutil.copytree(ROOT / "translations", tmp_path / "translations", ignore=shutil.ignore_patterns(".history"))
    return tmp_path / "translations"


@pytest.fixture
def hostile_client(translations, tmp_path):
    """The app with a hostile Spanish catalog on disk (see tests/hostile.py)."""
    write_hostile_catalog(translations)
    return create_app({"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": tmp_path / "h"}).test_client()


@pytest.fixture
def writer(translations, tmp_path):
    config = {
        "TRANSLATIONS_DIR": translations,
        "CATALOG_HISTORY_DIR": tmp_path / "history",
        "TRANSLATOR_TOKENS": TOKENS,
    }
    return create_app(config).test_client()


@pytest.fixture(autouse=True)
def contract_checked_requests(monkeypatch):
    """Check every response a test receives from a gunicorn it started against openapi.yaml (openapi-core)."""
    monkeypatch.setattr(requests.Session, "send", validating_send(requests.Session.send))


@pytest.fixture(scope="session")
def run_venv(tmp_path_factory) -> Path:
    """A venv holding requirements/run.txt alone, as the README's run command installs it: no test tool, no -e ."""
    venv_dir = tmp_path_factory.mktemp("run-install") / "venv"
    venv.EnvBuilder(with_pip=True).create(venv_dir)
    install = [venv_dir / "bin" / "pip", "install", "-q", "--require-hashes", "-r", ROOT / "requirements" / "run.txt"]
    subprocess.run(install, check=True, capture_output=True, timeout=600)
    return venv_dir


@pytest.fixture(scope="session")
def live_server():
    """The shipped app under the shipped gunicorn settings, for the whole session, without rate limits.

    Its many requests (schemathesis alone sends thousands) would exhaust the write and check limits, which
    tests/test_edge*.py test on servers of their own.
    """
    process, base = start_gunicorn({"RATELIMIT_ENABLED": "false"})
    yield base
    stop_gunicorn(process)
