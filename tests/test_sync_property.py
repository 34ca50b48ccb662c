"""Property: whatever interleaving of syncs, publishes, git deploys, restarts and replicas, no app is silently stale.

Bounded: 20 examples of up to 12 steps each (derandomized, no example database); about 15 s of CPU.
"""

import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from api import create_app
from tests.conftest import ROOT
from tests.sync_client import OfflineApp
from tests.test_sync import ALL_TOKENS, ANY_AUTH, get_json
from tests.tokens import publish_headers

UNIT = re.compile(rb'(msgctxt "muscle-spasms/acute-causes/resolution"\nmsgid "[^"]*"\nmsgstr ")[^"]*(")')
SPANISH = ["desaparecen", "se resuelven", "ceden", "se alivian", "remiten"]  # what an HTTP publish writes (checked)
LOCALES, REPLICAS = ("es", "fr", "ar"), 2
DATES = st.datetimes(min_value=datetime(1999, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC))


def with_unit(raw: bytes, text: str) -> bytes:
    """Return a catalog whose translation of one unit is text."""
    return UNIT.sub(lambda m: m.group(1) + text.encode() + m.group(2), raw, count=1)


class SyncMachine(RuleBasedStateMachine):
    """Two replicas over one translations directory, and one offline app per locale following the README."""

    def __init__(self):
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sync-property-"))
        self.translations = self.root / "translations"
        shutil.copytree(ROOT / "translations", self.translations, ignore=shutil.ignore_patterns(".history"))
        self.replicas = [self.start() for _ in range(REPLICAS)]
        self.apps = [OfflineApp(locale, get_json(self.replicas[0])) for locale in LOCALES]
        for app in self.apps:
            app.first_launch()

    def start(self):
        """Start a replica on the files as they are now (a deploy or a restart)."""
        config = {"TRANSLATIONS_DIR": self.translations, "CATALOG_HISTORY_DIR": self.root / "history",
                  "TRANSLATOR_TOKENS": ALL_TOKENS, "PARSE_CACHE_DIR": "off",
                  "RATELIMIT_ENABLED": False, **self.store_settings()}  # fmt: skip
        return create_app(config).test_client()

    def store_settings(self) -> dict:
        """Return the settings of the store every replica shares (tests/fleet/test_sync_backends.py names one)."""
        return {}

    def teardown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    @rule(app=st.integers(0, len(LOCALES) - 1), replica=st.integers(0, REPLICAS - 1))
    def sync(self, app, replica):
        """An app syncs with whichever replica the load balancer picks, and then holds what it serves."""
        self.apps[app].get_json = get_json(self.replicas[replica])
        self.apps[app].sync()
        assert self.apps[app].topics == self.apps[app].served()

    @rule(replica=st.integers(0, REPLICAS - 1), words=st.sampled_from(SPANISH), times=st.integers(1, 3))
    def publish(self, replica, words, times):
        """A translator publishes Spanish fixes over HTTP, several in the same second."""
        client = self.replicas[replica]
        for n in range(times):
            current = client.get("/v1/catalogs/es").data
            text = f"Estos tipos de espasmos {SPANISH[(SPANISH.index(words) + n) % len(SPANISH)]} con reposo."
            response = client.put(
                "/v1/catalogs/es", data=with_unit(current, text), headers=publish_headers(current, ANY_AUTH)
            )
            assert response.status_code == 200, response.get_data(as_text=True)

    @rule(locale=st.sampled_from(LOCALES), mark=st.integers(0, 3), when=DATES)
    def git_replace(self, locale, mark, when):
        """A catalog lands through git with any PO-Revision-Date, past or future; replicas see it on restart."""
        path = self.translations / locale / "LC_MESSAGES" / "content.po"
        raw = (ROOT / "translations" / locale / "LC_MESSAGES" / "content.po").read_bytes()
        stamp = f"PO-Revision-Date: {when:%Y-%m-%d %H:%M%z}".encode()
        raw = re.sub(rb"PO-Revision-Date: [^\\]*", stamp, raw, count=1)
        path.write_bytes(raw if mark == 0 else with_unit(raw, f"{locale} text, edition {mark}"))

    @rule(replica=st.integers(0, REPLICAS - 1))
    def restart(self, replica):
        self.replicas[replica] = self.start()

    @invariant()
    def an_app_told_it_is_in_step_holds_what_is_served(self):
        """If a replica's delta from an app's cursor is empty, the app holds exactly what that replica serves."""
        for app in self.apps:
            for replica in self.replicas:
                check = OfflineApp(app.locale, get_json(replica))
                check.cursor, check.topics = app.cursor, app.topics
                page = check.get_json(f"/v1/changes?since={app.cursor}&locale={app.locale}")
                if not [change for change in page["changes"] if change["locale"] == app.locale]:
                    assert app.topics == check.served()


SyncMachine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_sync_protocol_never_leaves_an_app_silently_stale = SyncMachine.TestCase
