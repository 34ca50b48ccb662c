"""A client generated from openapi.yaml by openapi-python-client during the run (not committed) syncs as documented."""

import importlib
import inspect
import pkgutil
import shutil
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ROOT, start_gunicorn, stop_gunicorn
from tests.test_sync import ALL_TOKENS, ANY_SECRET
from tests.test_translators import NEW, OLD

CONFIG = (  # the binary media types the generator treats as files only when told
    "content_type_overrides:\n"
    "  text/x-gettext-translation: application/octet-stream\n"
    "  application/pdf: application/octet-stream\n"
)
# The required query parameters of the Infobutton request, as an EHR sends them (ICD-10-CM M62.838).
REQUIRED = {"main_search_criteria_v_c": "M62.838", "main_search_criteria_v_cs": "2.16.840.1.113883.6.90"}
WRITES = {"publish_catalog", "restore_revision", "check_catalog"}  # driven on purpose below, not blindly
POSTS = {"patient_education_cards"}  # the CDS Hooks call needs a hook request: tests/test_cds_hooks.py sends the spec's


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Generate the client package from the committed openapi.yaml and import it."""
    where = tmp_path_factory.mktemp("generated")
    (where / "config.yaml").write_text(CONFIG)
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(ROOT / "openapi.yaml"),
               "--output-path", str(where / "patient_content_client"), "--meta", "none",
               "--config", str(where / "config.yaml")]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "will not be generated" not in result.stdout, result.stdout
    sys.path.insert(0, str(where))
    try:
        yield importlib.import_module("patient_content_client")
    finally:
        sys.path.remove(str(where))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated-server")
    shutil.copytree(ROOT / "translations", root / "translations", ignore=shutil.ignore_patterns(".history"))
    env = {"TRANSLATIONS_DIR": str(root / "translations"), "CATALOG_HISTORY_DIR": str(root / "history"),
           "TRANSLATOR_TOKENS": ALL_TOKENS}  # fmt: skip
    process, base = start_gunicorn(env)
    yield base
    stop_gunicorn(process)


def test_every_generated_read_function_runs_head_included(generated, server):
    client = generated.Client(base_url=server, raise_on_unexpected_status=True)
    values = {"topic_id": "muscle-spasms", "section_id": "definition", "bundle_locale": "ar", "locale": "es"}
    called = []
    for group in ("default", "translators"):
        package = importlib.import_module(f"{generated.__name__}.api.{group}")
        for info in pkgutil.iter_modules(package.__path__):
            if info.name in WRITES | POSTS:
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            parameters = inspect.signature(module.sync_detailed).parameters.values()
            positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
            keywords = [p for p in parameters if p.kind is p.KEYWORD_ONLY and p.name != "client"]
            required = {p.name: REQUIRED[p.name] for p in keywords if p.default is p.empty}
            if any(p.name == "knowledge_response_type" for p in keywords):  # the JSON shape, as EHR clients ask
                kinds = next(v for k, v in vars(module).items() if k.endswith("KnowledgeResponseType"))
                required["knowledge_response_type"] = kinds("application/json")
            response = module.sync_detailed(*[values[p.name] for p in positional], client=client, **required)
            assert response.status_code < 500, (info.name, response.content[:300])
            called.append(info.name)
    assert {"get_topic_head", "healthz_head", "get_bundle", "list_changes", "get_catalog_head"} <= set(called)


def test_first_launch_delta_revalidation_publish_and_delta_through_the_generated_client(generated, server):
    from patient_content_client.api.default import get_bundle, get_topic, get_topic_head, list_changes
    from patient_content_client.api.translators import get_catalog, publish_catalog
    from patient_content_client.types import File

    client = generated.Client(base_url=server, raise_on_unexpected_status=True)
    bundle = get_bundle.sync(bundle_locale="es", client=client, accept_encoding="gzip")
    held = {topic.topic: topic.to_dict() for topic in bundle.topics}
    assert list_changes.sync(client=client, since=bundle.cursor, locale="es").changes == []
    first = get_topic.sync_detailed("muscle-spasms", client=client, locale="es")
    etag = first.headers["ETag"]
    assert get_topic.sync_detailed("muscle-spasms", client=client, locale="es", if_none_match=etag).status_code == 304
    assert get_topic_head.sync_detailed("muscle-spasms", client=client, locale="es").headers["ETag"] == etag

    catalog = get_catalog.sync_detailed("es", client=client)
    writer = generated.AuthenticatedClient(base_url=server, token=ANY_SECRET, raise_on_unexpected_status=True)
    upload = File(payload=catalog.content.replace(OLD.encode(), NEW.encode()), mime_type="text/x-gettext-translation")
    published = publish_catalog.sync(locale="es", client=writer, body=upload, if_match=catalog.headers["ETag"])

    delta = list_changes.sync(client=client, since=bundle.cursor, locale="es")
    changed = [(c.topic, c.locale, c.catalog_revision) for c in delta.changes]
    assert changed == [("muscle-spasms", "es", published.revision)]
    for change in delta.changes:
        query = {k: v[0] for k, v in parse_qs(urlsplit(change.url).query).items()}
        version, rev = int(query["version"]), query["rev"]
        held[change.topic] = get_topic.sync(
            change.topic, client=client, locale="es", version=version, rev=rev
        ).to_dict()
    assert NEW in str(held["muscle-spasms"])
    assert get_topic.sync_detailed("muscle-spasms", client=client, locale="es", if_none_match=etag).status_code == 200
    assert list_changes.sync(client=client, since=delta.next_, locale="es").changes == []
