"""Benchmark the read path against a minimal Flask app serving fixed bytes, side by side, with wrk.

Usage: python bench/run.py [--runs 5] [--seconds 5] [--connections 32]
Our app runs twice (with its response memo, and with RESPONSE_MEMO_ENTRIES=0, which shows the
cost of a request that goes through Flask), the baseline once, all under the shipped gunicorn.conf.py
with the same worker settings; the cases are
interleaved run by run, so machine noise hits both sides alike. Prints medians and ratios.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "/v1/topics/muscle-spasms/sections/concerning-signs"
NEGOTIATED = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}


def start(app: str, port: int, env: dict) -> subprocess.Popen:
    """Start gunicorn with the shipped config and wait until it answers."""
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), app]
    env = {**os.environ, **env, "BIND": f"127.0.0.1:{port}", "ACCESS_LOG": "/dev/null"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{app} did not start on port {port}")


def fetch(url: str, headers: dict) -> tuple[bytes, dict]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:
        return response.read(), dict(response.headers)


def wrk(url: str, headers: dict, seconds: int, connections: int) -> float:
    """Return requests per second for one wrk run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", help="WEB_CONCURRENCY for both servers (default: gunicorn.conf.py's)")
    parser.add_argument("--worker-class", help="WORKER_CLASS for both servers (default: gunicorn.conf.py's)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    settings = {"WEB_CONCURRENCY": args.workers, "WORKER_CLASS": args.worker_class}
    env = {name: value for name, value in settings.items() if value}
    ours = start("api:create_app()", 8101, env)
    try:
        body, headers = fetch(f"http://127.0.0.1:8101{SECTION}", NEGOTIATED)
        (ROOT / "bench" / "baseline-body.json").write_bytes(body)
        ours_headers = [(k, v) for k, v in headers.items() if k.lower() not in ("content-type", "content-length",
                        "date", "server", "connection", "keep-alive")]  # fmt: skip
        (ROOT / "bench" / "baseline-headers.json").write_text(json.dumps(ours_headers))
        baseline = start("bench.baseline:create_app()", 8102, env)
        unmemoized = start("api:create_app()", 8103, {**env, "RESPONSE_MEMO_ENTRIES": "0"})
        try:
            revalidate = {**NEGOTIATED, "If-None-Match": headers["ETag"]}
            cases = {  # the baseline gets the same request headers, so both parse the same bytes
                "negotiated section GET": (f"http://127.0.0.1:8101{SECTION}", NEGOTIATED),
                "304 revalidation": (f"http://127.0.0.1:8101{SECTION}", revalidate),
                "topics list": ("http://127.0.0.1:8101/v1/topics", NEGOTIATED),
                "section GET, memo off": (f"http://127.0.0.1:8103{SECTION}", NEGOTIATED),
                "304, memo off": (f"http://127.0.0.1:8103{SECTION}", revalidate),
                "baseline (fixed bytes)": (f"http://127.0.0.1:8102{SECTION}", NEGOTIATED),
                "baseline + our headers": (f"http://127.0.0.1:8102/with-headers{SECTION}", NEGOTIATED),
            }
            results = {name: [] for name in cases}
            for _ in range(args.runs):
                for name, (url, case_headers) in cases.items():
                    results[name].append(wrk(url, case_headers, args.seconds, args.connections))
        finally:
            baseline.terminate()
            unmemoized.terminate()
    finally:
        ours.terminate()
        (ROOT / "bench" / "baseline-body.json").unlink(missing_ok=True)
        (ROOT / "bench" / "baseline-headers.json").unlink(missing_ok=True)
    base = statistics.median(results["baseline (fixed bytes)"])
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    server = f"{args.worker_class or 'shipped class'} x{args.workers or 'shipped count'}"
    print(
        f"machine: {machine}; gunicorn {server}; wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s; {args.runs} interleaved runs; medians"
    )
    report = {}
    for name, values in results.items():
        median = statistics.median(values)
        report[name] = {"median_rps": round(median), "ratio_to_baseline": round(median / base, 3), "runs": values}
        print(f"{name:26} {median:10.0f} req/s   {median / base:6.3f}x baseline")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps({"machine": machine, "args": vars(args), "cases": report}, indent=2))


if __name__ == "__main__":
    main()
