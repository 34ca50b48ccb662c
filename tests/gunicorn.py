"""The shipped gunicorn config on a free 127.0.0.1 port, started and stopped by tests, on a store of the test's own."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.openapi_check import API_BASES
from tests.stores import ROOT, store_env

READY_SECONDS = 90  # a cold start (fill the store, build every representation) on a loaded 2-core CI machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    extra_env: dict | None = None, workers: int = 2, python=sys.executable, root: Path = ROOT, default_store=False
):
    """Start the shipped gunicorn config on a free 127.0.0.1 port; return (process, base URL).

    python and root name another install and checkout (the README's run-command venv on a copy, say);
    default_store=True lets such a copy open its own default store (its translations/.history), as a user's would.
    """
    listener = socket.create_server(("127.0.0.1", 0))  # bound here and handed over: no other process can take it
    port, fd = listener.getsockname()[1], listener.fileno()
    env = {**os.environ, "BIND": f"fd://{fd}", "WEB_CONCURRENCY": str(workers), "ACCESS_LOG": "/dev/null"}
    env = store_env(env, extra_env or {}, default_store)
    assert not (default_store and Path(root).resolve() == ROOT), "only a copy may open its default store"
    command = [str(python), "-m", "gunicorn", "-c", str(root / "gunicorn.conf.py"), "api:create_app()"]
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop_gunicorn) its error log: an unread pipe blocks at 64 KiB
    with listener:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=log, pass_fds=(fd,))
    process.log = log
    base = f"http://127.0.0.1:{port}"
    if wait_ready(process, base):
        API_BASES.add(base)
        process.base = base  # forgotten on stop, so a later server on this port is not checked
        return process, base
    process.kill()
    process.wait(timeout=15)
    pytest.fail(f"gunicorn did not become ready in {READY_SECONDS} s: " + log_tail(process))


def wait_ready(process, base: str) -> bool:
    """Poll /readyz until it answers 200 (True), the process exits or READY_SECONDS pass (False)."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(base + "/readyz", timeout=5).status_code == 200:
                return True
        except requests.RequestException:  # not listening yet, or too busy to answer within the timeout
            pass
        time.sleep(0.2)
    return False


def log_tail(process, size: int = 3000) -> str:
    """Return the end of a gunicorn's error log."""
    process.log.seek(0)
    return process.log.read().decode(errors="replace")[-size:]


def stop_gunicorn(process) -> None:
    API_BASES.discard(getattr(process, "base", None))
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
    if getattr(process, "log", None):
        process.log.close()
