"""Throwaway servers for the fleet tests: Redis, gunicorn replicas and the shipped nginx front.

PostgreSQL comes from tests/servers.py (PostgresCluster), which the store's own tests use too.

Every server listens on a free 127.0.0.1 port, lives in its own temporary directory, is waited for with a
deadline, and is stopped (then its directory removed) by whoever started it.
"""

import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import free_port
from tests.openapi_check import API_BASES

ROOT = Path(__file__).resolve().parents[2]
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def missing(what: str, why: str):
    """Fail in CI, where .ci/run installs everything; skip on a developer's machine."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs it")
    pytest.skip(f"{what} not installed ({why})")


def start_redis():
    """Start a throwaway redis-server on a free port (as tests/test_edge_live.py does); return (process, URI)."""
    from tests.test_edge_live import start_redis as start

    return start()


def terminate_with_parent() -> None:
    """In the child, before exec: ask Linux for a SIGTERM when the test process dies, even by kill -9."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Replica:
    """One gunicorn replica (the shipped gunicorn.conf.py), in its own process group and data directory."""

    def __init__(self, name: str, env: dict, data: Path):
        self.name, self.env, self.data = name, env, data
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def launch(self) -> None:
        """Start gunicorn without waiting: several replicas start side by side."""
        env = {**os.environ, **self.env, "BIND": f"127.0.0.1:{self.port}", "ACCESS_LOG": "/dev/null"}
        command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "api:create_app()"]
        log = (self.data / "gunicorn.log").open("ab")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True,
                                        preexec_fn=terminate_with_parent)  # fmt: skip

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(self.base + "/readyz", timeout=2).status_code == 200:
                    API_BASES.add(self.base)  # every answer a test receives from it is checked against openapi.yaml
                    return
            except requests.RequestException:
                time.sleep(0.2)
        self.kill()
        pytest.fail(f"replica {self.name} did not become ready: {self.log()[-3000:]}")

    def log(self) -> str:
        return (self.data / "gunicorn.log").read_text(errors="replace")

    def kill(self) -> None:
        """kill -9 the whole replica: its master and every worker, at once."""
        API_BASES.discard(self.base)
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        API_BASES.discard(self.base)
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def nginx_config(listen: str, upstreams: list[str], run: Path) -> str:
    """Return deploy/nginx.conf with its placeholders filled, as an operator does with envsubst."""
    values = {"LISTEN": listen, "UPSTREAM_SERVERS": " ".join(f"server {u};" for u in upstreams),
              "CACHE_DIR": str(run / "cache"), "RUN_DIR": str(run)}  # fmt: skip
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    assert "${" not in text, "deploy/nginx.conf has a placeholder the fleet does not fill"
    return text


def start_front(upstreams: list[str]):
    """Run deploy/nginx.conf with an upstream of several replicas; return (process, base URL, run dir)."""
    from tests.test_nginx import start_nginx_with

    port = free_port()
    return start_nginx_with(lambda run: nginx_config(f"127.0.0.1:{port}", upstreams, run), port)


WATCHDOG = """
import json, os, signal, subprocess, sys, time
parent, plan = int(sys.argv[1]), sys.argv[2]
while os.getppid() == parent:
    time.sleep(0.5)
if os.path.exists(plan):  # the tests died without cleaning up: do it for them
    todo = json.load(open(plan))
    for pid in todo["pids"]:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for command in todo["commands"]:
        subprocess.run(command, timeout=60, check=False, capture_output=True)
"""


class Watchdog:
    """A small process that cleans up after the tests if they die by kill -9 (daemonized servers outlive them)."""

    def __init__(self, plan: Path):
        self.plan = plan
        command = [sys.executable, "-c", WATCHDOG, str(os.getpid()), str(plan)]
        self.process = subprocess.Popen(command, start_new_session=True)

    def arm(self, pids: list[int], commands: list[list[str]]) -> None:
        """Say what to kill and run should the tests die."""
        self.plan.write_text(json.dumps({"pids": pids, "commands": commands}))

    def disarm(self) -> None:
        self.plan.unlink(missing_ok=True)
        self.process.kill()
        self.process.wait(timeout=10)
