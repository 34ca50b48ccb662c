"""Time the first (cold) and second request of the library-wide listings on generated libraries.

Usage: python -m bench.listings LIBRARY_DIR [LIBRARY_DIR ...] [--work DIR]
Each LIBRARY_DIR is a generated library (python -m bench.library) that is imported into its store.db first when
it has no `imported` marker, as bench/scale.py does. The one-topic library (generated under --work) is the
baseline of the same run. gunicorn's worker timeout is 30 s: a first request near it fails in production.
"""

import argparse
import socket
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.library import generate
from bench.scale import import_store, start

ROUTES = ["/v1/locales", "/v1/catalogs", "/v1/topics/muscle-spasms/completeness"]


def free_port() -> int:
    """Return a port the OS just handed out on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(url: str) -> tuple[float, int]:
    """Return (seconds, status) of one GET."""
    began = time.monotonic()
    status = requests.get(url, timeout=600).status_code
    return time.monotonic() - began, status


def measure(library: Path) -> dict:
    """Import the library if needed, start gunicorn on it, and time each route's first and second request."""
    if not (library / "imported").exists():
        print(f"{library}: imported in {import_store(library):.0f} s", file=sys.stderr)
        (library / "imported").touch()
    port = free_port()
    server, _ = start(library, port)
    try:
        return {route: (timed(f"http://127.0.0.1:{port}{route}"), timed(f"http://127.0.0.1:{port}{route}"))
                for route in ROUTES}  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("libraries", nargs="+", type=Path)
    parser.add_argument("--work", type=Path, help="where the one-topic baseline library is kept")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-listings-"))
    baseline = work / "lib1x9"
    if not baseline.exists():
        generate(1, baseline, 9)
    results = {path: measure(path) for path in [baseline, *args.libraries]}
    print(f"{'library':>24} {'route':>40} {'first':>9} {'second':>9} {'first vs 1 topic':>16}")
    for path, routes in results.items():
        for route, ((first, status), (second, _)) in routes.items():
            base = results[baseline][route][0][0]
            print(f"{path.name:>24} {route:>40} {first:>7.3f} s {second:>7.3f} s {first / base:>15.1f}x"
                  + ("" if status == 200 else f"  ({status})"))  # fmt: skip


if __name__ == "__main__":
    main()
