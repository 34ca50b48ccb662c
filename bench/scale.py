"""Measure generated libraries served from the store: import, start-up, cold sections, hot throughput, memory.

Usage: python -m bench.scale [--libraries 10000x9 2000x30] [--duration 120] [--seconds 5] [--cold 200] [--work DIR]
For each library (and the one-topic library, the baseline of the same run): generate it, import it into an
SQLite store (timed: the deploy step), start the shipped gunicorn on that store, and report the time to the
first 200, the p99 of the first request of never-requested sections, the hot section's throughput against
the one-topic library's, and the largest worker PSS after --duration seconds of uniformly random topic,
locale and route (wrk, 32 connections).
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.library import EXTRA, SHIPPED, generate, topic_ids

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ["definition", "acute-causes", "chronic-causes", "concerning-signs", "referral-links"]
ROUTES = ["", "/fragment", *(f"/sections/{s}" for s in SECTIONS), *(f"/sections/{s}/fragment" for s in SECTIONS)]
RANDOM_LUA = """
local topics, locales, routes = %d, {%s}, {%s}
request = function()
  local i = math.random(0, topics - 1)
  local id = i == 0 and "muscle-spasms" or string.format("topic-%%05d", i)
  local path = "/v1/topics/" .. id .. routes[math.random(#routes)] .. "?locale=" .. locales[math.random(#locales)]
  return wrk.format("GET", path)
end
"""


def memory(pid: int) -> tuple[int, int]:
    """Return (RSS, PSS) in KiB of one process, from /proc."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return tuple(int(re.search(rf"^{name}:\s+(\d+) kB", rollup, re.M).group(1)) for name in ("Rss", "Pss"))


def wrk(url: str, seconds: int, script: Path | None = None) -> float:
    """Return requests per second for one wrk run (on one URL, or on the paths a Lua script picks)."""
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "-H", "Accept-Language: es-MX,es;q=0.9,en;q=0.5", url]
    command += ["-s", str(script)] if script else []
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def import_store(library: Path) -> float:
    """Import the generated files into a fresh SQLite store (the deploy step); return the seconds it took.

    Start-up then reads no catalog file whose size and time are those last imported (api/store/imports.py).
    """
    code = ("import sys; from pathlib import Path; from api.store.engine import open_engine; "
            "from api.store.imports import fill; from api.parse_cache import ParseCache; lib = Path(sys.argv[1]); "
            "fill(open_engine(f'sqlite:///{lib}/store.db'), lib / 'content', lib / 'translations', "
            "ParseCache(lib / 'cache').get)")  # fmt: skip
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", code, str(library)], check=True, cwd=ROOT)
    return time.monotonic() - started


def start(library: Path, port: int) -> tuple[subprocess.Popen, float]:
    """Start the shipped gunicorn on the library's store; return it and the seconds to its first 200."""
    env = {**os.environ, "CONTENT_DIR": str(library / "content"), "TRANSLATIONS_DIR": str(library / "translations"),
           "PARSE_CACHE_DIR": str(library / "cache"), "DATABASE_URL": f"sqlite:///{library}/store.db",
           "PINNED_ARCHIVE_DIR": "off", "BIND": f"127.0.0.1:{port}", "ACCESS_LOG": "/dev/null"}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "api:create_app()"]
    started = time.monotonic()
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1/topics/muscle-spasms?locale=en"
    while time.monotonic() - started < 600:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return server, time.monotonic() - started
        except requests.ConnectionError:
            time.sleep(0.02)
    server.kill()
    raise SystemExit(f"{library}: no answer after 600 s")


def cold(base: str, count: int, locales: list[str], ids: list[str]) -> list[float]:
    """Return the latencies (ms) of the first request of `count` distinct never-requested sections."""
    picks = random.Random(7).sample([(t, s, loc) for t in ids[1:] for s in SECTIONS for loc in locales], count)
    session, times = requests.Session(), []
    for topic_id, section, locale in picks:
        began = time.monotonic()
        response = session.get(f"{base}/v1/topics/{topic_id}/sections/{section}?locale={locale}", timeout=30)
        times.append((time.monotonic() - began) * 1000)
        assert response.status_code == 200, response.text
    return times


def measure(size: int, locales: int, args, work: Path) -> dict:
    library = work / f"lib{size}x{locales}"
    if not (library / "store.db").exists():
        generate(size, library, locales)
    imported = import_store(library) if not (library / "imported").exists() else None
    (library / "imported").touch()
    port = 8200 + (size % 97)
    server, first = start(library, port)
    try:
        base, tags = f"http://127.0.0.1:{port}", ["en", *(SHIPPED + EXTRA)[: locales - 1]]
        latencies = cold(base, min(args.cold, size * len(SECTIONS) * len(tags) // 2), tags, topic_ids(size)) \
            if size > 1 else [0.0]  # fmt: skip
        hot = f"{base}/v1/topics/{topic_ids(size)[size // 2]}/sections/concerning-signs"
        wrk(hot, 2)  # every worker up and the section built in each
        rps = statistics.median(wrk(hot, args.seconds) for _ in range(3))
        if size > 1 and args.duration:
            script = work / "random.lua"
            script.write_text(RANDOM_LUA % (size, ", ".join(f'"{t}"' for t in tags),
                                            ", ".join(f'"{r}"' for r in ROUTES)))  # fmt: skip
            wrk(base, args.duration, script)
        workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                                    text=True).stdout.split()]  # fmt: skip
        sizes = [memory(pid) for pid in workers]
        p99 = sorted(latencies)[max(0, round(len(latencies) * 0.99) - 1)]
        return {"library": f"{size}x{locales}", "import_s": imported, "first_200_s": round(first, 2),
                "cold_p50_ms": round(statistics.median(latencies), 1), "cold_p99_ms": round(p99, 1), "rps": round(rps),
                "rss_mib": max(r for r, _ in sizes) / 1024, "pss_mib": max(p for _, p in sizes) / 1024}  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--libraries", nargs="+", default=["10000x9", "2000x30"], help="TOPICSxLOCALES")
    parser.add_argument("--duration", type=int, default=120, help="seconds of random load before measuring memory")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of each hot-section wrk run")
    parser.add_argument("--cold", type=int, default=200, help="never-requested sections to time")
    parser.add_argument("--work", type=Path, help="keep generated libraries and stores here (reused when present)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    libraries = [tuple(map(int, spec.split("x"))) for spec in ["1x9", *args.libraries]]
    results = [measure(size, locales, args, work) for size, locales in libraries]
    base = results[0]["rps"]
    print(f"{'library':>9} {'import':>8} {'first 200':>9} {'cold p50':>8} {'cold p99':>8} {'PSS max':>8} "
          f"{'RSS max':>8} {'req/s':>6} {'vs 1 topic':>10}")  # fmt: skip
    for r in results:
        imported = f"{r['import_s']:.0f} s" if r["import_s"] is not None else "reused"
        print(f"{r['library']:>9} {imported:>8} {r['first_200_s']:>7.2f} s {r['cold_p50_ms']:>5.1f} ms "
              f"{r['cold_p99_ms']:>5.1f} ms {r['pss_mib']:>4.0f} MiB {r['rss_mib']:>4.0f} MiB {r['rps']:>6} "
              f"{r['rps'] / base:>9.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
