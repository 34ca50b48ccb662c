"""The shipped gunicorn config on a free 127.0.0.1 port, started and stopped by tests, on a store of the test's own."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.openapi_check import API_BASES
from tests.stores import ROOT, store_env


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
    port = free_port()
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers), "ACCESS_LOG": "/dev/null"}
    env = store_env(env, extra_env or {}, default_store)
    assert not (default_store and Path(root).resolve() == ROOT), "only a copy may open its default store"
    command = [str(python), "-m", "gunicorn", "-c", str(root / "gunicorn.conf.py"), "api:create_app()"]
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/readyz", timeout=1).status_code == 200:
                API_BASES.add(base)
                process.base = base  # forgotten on stop, so a later server on this port is not checked
                return process, base
        except requests.ConnectionError:
            time.sleep(0.2)
    process.kill()
    pytest.fail("gunicorn did not become ready: " + process.stderr.read().decode()[-2000:])


def stop_gunicorn(process) -> None:
    API_BASES.discard(getattr(process, "base", None))
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
