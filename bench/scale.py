"""Measure a generated library of N topics x nine locales: start-up, memory per worker, throughput.

Usage: python bench/scale.py [--sizes 1 100 1000 5000] [--seconds 5]
For each size: generate the library, fill the parse cache (`flask catalogs compile`, the deploy
step), start the shipped gunicorn, and report time to first response, RSS and PSS per worker, and
the negotiated section's throughput relative to the one-topic library, measured in the same run.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.library import generate

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}


def memory(pid: int) -> tuple[int, int]:
    """Return (RSS, PSS) in KiB of one process, from /proc."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return tuple(int(re.search(rf"^{name}:\s+(\d+) kB", rollup, re.M).group(1)) for name in ("Rss", "Pss"))


def wrk(url: str, seconds: int) -> float:
    """Return requests per second for one wrk run on the negotiated section."""
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "-H", f"Accept-Language: {HEADERS['Accept-Language']}", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measure(size: int, seconds: int, work: Path) -> dict:
    content, translations = generate(size, work / f"lib{size}")
    env = {**os.environ, "CONTENT_DIR": str(content), "TRANSLATIONS_DIR": str(translations),
           "PARSE_CACHE_DIR": str(work / "cache"), "BIND": "127.0.0.1:8201", "ACCESS_LOG": "/dev/null"}  # fmt: skip
    subprocess.run([sys.executable, "-m", "flask", "--app", "api", "catalogs", "compile"], env=env, check=True,
                   capture_output=True, cwd=ROOT)  # fmt: skip
    topic = "muscle-spasms" if size == 1 else f"topic-{size // 2:05d}"
    url = f"http://127.0.0.1:8201/v1/topics/{topic}/sections/concerning-signs"
    started = time.monotonic()
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "api:create_app()"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if requests.get(url, headers=HEADERS, timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.05)
            if time.monotonic() - started > 600:
                raise SystemExit(f"{size} topics: no answer after 600 s")
        first = time.monotonic() - started
        wrk(url, 2)  # every worker up and its first representation built
        rps = statistics.median(wrk(url, seconds) for _ in range(3))
        workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                                    text=True).stdout.split()]  # fmt: skip
        sizes = [memory(pid) for pid in workers]
        return {"topics": size, "first_response_s": round(first, 2), "rps": round(rps),
                "rss_kib": max(r for r, _ in sizes), "pss_kib": max(p for _, p in sizes)}  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work / f"lib{size}", ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 5000])
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        results = [measure(size, args.seconds, Path(work)) for size in args.sizes]
    base = next((r["rps"] for r in results if r["topics"] == 1), results[0]["rps"])
    print(f"{'topics':>7} {'first response':>15} {'RSS/worker':>11} {'PSS/worker':>11} {'req/s':>7} {'vs 1 topic':>10}")
    for r in results:
        print(f"{r['topics']:>7} {r['first_response_s']:>13.2f} s {r['rss_kib'] / 1024:>8.0f} MiB "
              f"{r['pss_kib'] / 1024:>8.0f} MiB {r['rps']:>7} {r['rps'] / base:>9.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
