"""Clients we did not write, generated from openapi.yaml during the run, drive the documented loop.

- openapi-generator (PyPI openapi-generator-cli, which runs its jar with Java), its `python` client;
- openapi-typescript (types) with openapi-fetch (runtime), pinned, installed from npm into a temporary folder,
  type-checked by tsc and run by node (tests/clients/loop.ts).

Each: first launch (bundle, empty delta), the Infobutton's default answer as the client reads it (it asks for
JSON by Accept, and gets MedlinePlus Connect's shape), a 304 on revalidation, a publish with If-Match, the delta
that names it, and the new text. Every step is bounded in time.
"""

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, start_gunicorn, stop_gunicorn
from tests.test_sync import ALL_TOKENS, ANY_SECRET
from tests.test_translators import NEW, OLD

# Pinned, so that a new release changes nothing here until someone moves the pins on purpose.
NPM_PACKAGES = ["openapi-typescript@7.13.0", "openapi-fetch@0.17.0", "typescript@5.9.3"]
ICD10CM_OID = "2.16.840.1.113883.6.90"


@pytest.fixture
def server(tmp_path):
    """A gunicorn with its own copy of the catalogs, so that the loop's publish changes nothing else."""
    shutil.copytree(ROOT / "translations", tmp_path / "translations", ignore=shutil.ignore_patterns(".history"))
    env = {"TRANSLATIONS_DIR": str(tmp_path / "translations"), "CATALOG_HISTORY_DIR": str(tmp_path / "history"),
           "TRANSLATOR_TOKENS": ALL_TOKENS, "RATELIMIT_ENABLED": "false"}  # fmt: skip
    process, base = start_gunicorn(env, workers=1)
    yield base
    stop_gunicorn(process)


@pytest.fixture(scope="module")
def openapi_generator_python(tmp_path_factory):
    """Generate openapi-generator's python client from the committed openapi.yaml and import it."""
    if not shutil.which("java"):
        pytest.fail("openapi-generator needs Java: .ci/run installs default-jre-headless")
    where = tmp_path_factory.mktemp("openapi-generator")
    command = [str(Path(sys.executable).parent / "openapi-generator-cli"), "generate", "-i", str(ROOT / "openapi.yaml"),
               "-g", "python", "-o", str(where), "--package-name", "ogclient",
               "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    sys.path.insert(0, str(where))
    try:
        yield importlib.import_module("ogclient")
    finally:
        sys.path.remove(str(where))
        for name in [n for n in sys.modules if n == "ogclient" or n.startswith("ogclient.")]:
            del sys.modules[name]


def test_the_openapi_generator_python_client_runs_the_loop(openapi_generator_python, server):
    og = openapi_generator_python
    reader = og.DefaultApi(og.ApiClient(og.Configuration(host=server)))
    bundle = reader.get_bundle(bundle_locale="es", _request_timeout=10)
    assert reader.list_changes(since=bundle.cursor, locale="es", _request_timeout=10).changes == []

    feed = reader.get_knowledge(main_search_criteria_v_c="M62.838", main_search_criteria_v_cs=ICD10CM_OID,
                                information_recipient_language_code_c="es", _request_timeout=10).feed  # fmt: skip
    assert feed.author.name.value == "Jennifer Kurz, MD" and feed.entry[0].link[0].href.startswith("http")
    assert {(c.scheme, c.term) for c in feed.category} >= {("mainSearchCriteria.v.cs", ICD10CM_OID)}

    first = reader.get_topic_with_http_info("muscle-spasms", locale="es", _request_timeout=10)
    etag = first.headers["ETag"]
    with pytest.raises(og.ApiException) as revalidated:  # the generator treats every non-2xx as an exception
        reader.get_topic_with_http_info("muscle-spasms", locale="es", if_none_match=etag, _request_timeout=10)
    assert revalidated.value.status == 304

    writer_config = og.Configuration(host=server, access_token=ANY_SECRET)
    writer = og.TranslatorsApi(og.ApiClient(writer_config))
    catalog = writer.get_catalog_with_http_info("es", _request_timeout=10)
    text = catalog.raw_data.decode()
    published = writer.publish_catalog("es", if_match=catalog.headers["ETag"], body=text.replace(OLD, NEW),
                                       _content_type="text/x-gettext-translation", _request_timeout=30)  # fmt: skip
    delta = reader.list_changes(since=bundle.cursor, locale="es", _request_timeout=10)
    assert [(c.topic, c.locale, c.catalog_revision) for c in delta.changes] == [
        ("muscle-spasms", "es", published.revision)
    ]
    changed = reader.get_topic_with_http_info("muscle-spasms", locale="es", if_none_match=etag, _request_timeout=10)
    assert changed.status_code == 200 and NEW in changed.raw_data.decode()


def npm_install(where) -> None:
    """Install the pinned npm packages into a folder of their own (no global install, no lock file kept)."""
    result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", str(where),
                             *NPM_PACKAGES], capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_openapi_typescript_and_openapi_fetch_client_runs_the_loop(server, tmp_path):
    if not shutil.which("npm"):
        pytest.fail("the TypeScript client needs node and npm: .ci/run installs nodejs and npm")
    (tmp_path / "package.json").write_text('{"private": true, "type": "module"}')
    npm_install(tmp_path)
    bin_dir = tmp_path / "node_modules" / ".bin"
    run = {"capture_output": True, "text": True, "timeout": 240, "check": False, "cwd": tmp_path}
    types = subprocess.run([str(bin_dir / "openapi-typescript"), str(ROOT / "openapi.yaml"), "-o", "schema.d.ts"],
                           **run)  # fmt: skip
    assert types.returncode == 0, types.stdout[-3000:] + types.stderr[-3000:]
    shutil.copy(ROOT / "tests" / "clients" / "loop.ts", tmp_path / "loop.ts")
    compiled = subprocess.run([str(bin_dir / "tsc"), "--strict", "--target", "es2022", "--module", "nodenext",
                               "--moduleResolution", "nodenext", "--skipLibCheck", "loop.ts"], **run)  # fmt: skip
    assert compiled.returncode == 0, compiled.stdout[-3000:] + compiled.stderr[-3000:]
    env = {**os.environ, "BASE": server, "TOKEN": ANY_SECRET, "OLD": OLD, "NEW": NEW}
    loop = subprocess.run(["node", "loop.js"], **run, env=env)
    assert loop.returncode == 0, loop.stdout[-3000:] + loop.stderr[-3000:]
    steps = json.loads(loop.stdout.strip().splitlines()[-1])
    assert steps == {"firstDelta": 0, "infobutton": "Jennifer Kurz, MD", "revalidated": 304, "published": True,
                     "delta": [["muscle-spasms", "es"]], "changed": 200, "newText": True}  # fmt: skip
