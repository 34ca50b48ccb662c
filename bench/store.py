"""Measure the store: importing a generated library, the start-up check of an imported store, indexed reads.

Usage: python -m bench.store [--sizes 1 1000] [--postgresql]
For each size: generate the library (bench/library.py), import it into an empty store (SQLite in a temporary
directory, or a throwaway PostgreSQL cluster), fill again (what every start-up does), and time the reads a
worker makes: the publish sequence, one topic, one topic's units in one locale.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from api.store.engine import open_engine
from api.store.imports import fill
from api.store.reads import Reads
from bench.library import ROOT, generate


def median_ms(function, runs: int = 50) -> float:
    """Return the median time of a call, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(size: int, url: str, directory: Path) -> dict:
    """Import a library of `size` topics into the store at url; return the figures."""
    if size == 1:
        content, translations = ROOT / "content", ROOT / "translations"
    else:
        content, translations = generate(size, directory / "library")
    engine = open_engine(url)
    started = time.perf_counter()
    done = fill(engine, content, translations)
    imported = time.perf_counter() - started
    started = time.perf_counter()
    fill(engine, content, translations)
    check = time.perf_counter() - started
    reads = Reads(engine)
    last = reads.topic_ids()[-1]
    figures = {"topics": size, "locales": len(done["catalogs"]), "import_s": round(imported, 2),
               "startup_check_ms": round(check * 1000, 1), "sequence_ms": round(median_ms(reads.sequence), 3),
               "topic_ms": round(median_ms(lambda: reads.topic(last)), 2),
               "translations_ms": round(median_ms(lambda: reads.translations("es", last)), 2)}  # fmt: skip
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 1000])
    parser.add_argument("--postgresql", action="store_true", help="a throwaway cluster (tests/servers.py)")
    args = parser.parse_args()
    cluster = None
    if args.postgresql:
        from tests.servers import PostgresCluster

        cluster = PostgresCluster()
        cluster.start()
    try:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as directory:
                url = cluster.fresh_database() if cluster else f"sqlite:///{directory}/store.sqlite3"
                print(measure(size, url, Path(directory)), flush=True)
    finally:
        if cluster:
            cluster.remove()


if __name__ == "__main__":
    main()
