"""Fixtures of the trust suite: a real gunicorn on copied catalogs, catalog digests, and the figures it records."""

import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import start_gunicorn, stop_gunicorn
from tests.tokens import TOKENS

ROOT = Path(__file__).resolve().parents[2]
SUMMARY_PATH = ROOT / "tests" / "artifacts" / "trust-summary.json"
SUMMARY: dict = {"faults": {"injected": 0, "survived": 0, "kinds": []}, "largest_worker_rss_kib": 0}


@dataclass
class Server:
    process: object
    base: str
    translations: Path
    env: dict


def copy_translations(directory: Path) -> Path:
    """Copy the shipped catalogs (without history) into directory; return the copy."""
    shutil.copytree(ROOT / "translations", directory / "translations", ignore=shutil.ignore_patterns(".history"))
    return directory / "translations"


def catalog_digest(translations: Path) -> str:
    """Return one SHA-256 over every file's path and bytes under translations/."""
    digest = hashlib.sha256()
    for path in sorted(p for p in translations.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(translations)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def server_env(directory: Path, translations: Path, **extra) -> dict:
    """Return the environment of a trust server: its own catalogs, history, archive, tokens, no rate limits."""
    env = {
        "TRANSLATIONS_DIR": str(translations),
        "CATALOG_HISTORY_DIR": str(directory / "history"),
        "PINNED_ARCHIVE_DIR": str(directory / "pinned"),
        "PARSE_CACHE_DIR": str(directory / "parse-cache"),
        "TRANSLATOR_TOKENS": TOKENS,
        "RATELIMIT_ENABLED": "false",  # the suite floods on purpose; test_rate_limits turns them on
    }
    return {**env, **extra}


def launch(directory: Path, workers: int = 2, **extra) -> Server:
    """Start a trust server on a fresh copy of the catalogs."""
    translations = copy_translations(directory)
    env = server_env(directory, translations, **extra)
    process, base = start_gunicorn(env, workers=workers)
    return Server(process, base, translations, env)


@pytest.fixture(scope="module")
def trust_server(tmp_path_factory):
    server = launch(tmp_path_factory.mktemp("trust"))
    yield server
    stop_gunicorn(server.process)


def worker_pids(master: int) -> list[int]:
    """Return the pids of a gunicorn master's workers."""
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def rss_kib(pid: int) -> int:
    """Return a process's resident set size in KiB (VmRSS in /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_for_workers(master: int, count: int, exclude=(), timeout: float = 20) -> list[int]:
    """Wait until the master has count workers, none of them in exclude; return their pids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = worker_pids(master)
        if len(pids) == count and not set(pids) & set(exclude):
            return pids
        time.sleep(0.05)
    raise AssertionError(f"gunicorn {master} has workers {worker_pids(master)}, wanted {count} new ones")


def record_fault(kind: str, survived: bool) -> None:
    """Count an injected fault, and whether the service survived it."""
    SUMMARY["faults"]["injected"] += 1
    SUMMARY["faults"]["survived"] += int(survived)
    SUMMARY["faults"]["kinds"].append({"kind": kind, "survived": survived})


@pytest.fixture(scope="session", autouse=True)
def trust_summary():
    """Write the suite's figures to tests/artifacts/trust-summary.json when the session ends."""
    started = time.monotonic()
    yield SUMMARY
    SUMMARY["seconds"] = round(time.monotonic() - started, 1)
    SUMMARY_PATH.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY_PATH.write_text(json.dumps(SUMMARY, indent=2) + "\n")
    print("\ntrust suite:", json.dumps({k: v for k, v in SUMMARY.items() if k != "faults"}), SUMMARY["faults"])
