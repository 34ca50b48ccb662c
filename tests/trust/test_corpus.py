"""The hostile corpus, on a real gunicorn and through the test client: no 5xx, problems, no leaks, catalogs whole."""

from urllib.parse import unquote_to_bytes

import pytest

from api import create_app
from tests.trust.conftest import SUMMARY, catalog_digest, copy_translations, rss_kib, worker_pids
from tests.trust.corpus import all_cases
from tests.trust.wire import Reply, check_reply, send

pytestmark = pytest.mark.trust
CASES = all_cases()
TALLY = SUMMARY.setdefault("corpus", {"cases": len(CASES), "http_sent": 0, "http_passed": 0,
                                      "client_sent": 0, "client_passed": 0})  # fmt: skip


def marks(case, client: bool) -> list:
    """Return the xfail mark of a case whose defect a branch in flight fixes (or that no branch owns yet)."""
    if not case.defect:
        return []
    return [pytest.mark.xfail(reason=f"fixed on branch {case.defect}", strict=False)]


def params(cases, client: bool = False):
    """Return pytest params, marked as marks() says."""
    return [pytest.param(c, id=c.id[:120], marks=marks(c, client)) for c in cases]


@pytest.fixture(scope="module")
def before(trust_server):
    return catalog_digest(trust_server.translations)


@pytest.mark.parametrize("case", params(CASES))
def test_hostile_request_on_gunicorn(trust_server, before, case):
    TALLY["http_sent"] += 1
    check_reply(case, send(trust_server.base, case), trust_server.base)
    TALLY["http_passed"] += 1


def test_catalogs_are_byte_identical_after_the_corpus(trust_server, before):
    assert catalog_digest(trust_server.translations) == before
    TALLY["catalogs_unchanged"] = True
    rss = [rss_kib(pid) for pid in worker_pids(trust_server.process.pid)]
    SUMMARY["largest_worker_rss_kib"] = max(SUMMARY["largest_worker_rss_kib"], *rss)


@pytest.fixture(scope="module")
def unit_client(tmp_path_factory):
    directory = tmp_path_factory.mktemp("trust-unit")
    translations = copy_translations(directory)
    from tests.tokens import TOKENS

    config = {"TRANSLATIONS_DIR": translations, "CATALOG_HISTORY_DIR": directory / "h", "TRANSLATOR_TOKENS": TOKENS,
              "PINNED_ARCHIVE_DIR": str(directory / "pinned"), "RESPONSE_MEMO_ENTRIES": 0,
              "RATELIMIT_ENABLED": False}  # fmt: skip
    yield create_app(config).test_client(), translations, catalog_digest(translations)


@pytest.mark.parametrize("case", params([c for c in CASES if not c.wire_only], client=True))
def test_hostile_request_through_the_test_client(unit_client, case):
    """The same request as gunicorn would hand it to the app (PATH_INFO decoded to latin-1)."""
    client, _, _ = unit_client
    TALLY["client_sent"] += 1
    path, _, query = case.target.partition(b"?")
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in case.headers]
    environ = {"PATH_INFO": unquote_to_bytes(path).decode("latin-1"), "QUERY_STRING": query.decode("latin-1"),
               "REQUEST_URI": case.target.decode("latin-1"), "RAW_URI": case.target.decode("latin-1")}  # fmt: skip
    response = client.open("/", method=case.method.decode("latin-1"), headers=headers, data=case.body,
                           environ_overrides=environ)  # fmt: skip
    reply = Reply(response.status_code, [(k.lower(), v) for k, v in response.headers.items()], response.data)
    check_reply(case, reply, "http://localhost")
    TALLY["client_passed"] += 1


def test_catalogs_are_byte_identical_after_the_unit_corpus(unit_client):
    _, translations, before = unit_client
    assert catalog_digest(translations) == before


@pytest.mark.xfail(reason="gunicorn has no setting for its own 400/414/431 pages' headers (SECURITY.md); the nginx "
                   "front answers those with nosniff (tests/test_nginx.py)", strict=True)  # fmt: skip
def test_gunicorn_own_rejections_carry_nosniff(trust_server):
    from tests.trust.wire import Case, is_gunicorn_page

    for case in (Case("414", b"GET", b"/v1/topics?p=" + b"p" * 9000),
                 Case("431", b"GET", b"/v1/topics", [(b"X-Big", b"b" * 9000)])):  # fmt: skip
        reply = send(trust_server.base, case)
        assert is_gunicorn_page(reply) and reply.status == int(case.id)
        assert reply.header("x-content-type-options") == "nosniff"
