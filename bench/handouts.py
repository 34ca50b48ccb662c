"""Handouts: the build cost of one handout per locale, and the rate a cached handout is served at.

Usage: python -m bench.handouts [--seconds 5]   (needs wrk from Debian)
"""

import argparse
import re
import statistics
import subprocess
import time

import requests

from api.render.handout_pdf import Handouts
from api.render.service import load_service
from tests.conftest import ROOT, start_gunicorn, stop_gunicorn

LOCALES = ["en", "es", "fr", "pt-BR", "zh-Hans", "zh-Hant", "vi", "ko", "ar"]
HANDOUT = "/v1/topics/muscle-spasms/handout.pdf?locale={}"


def build_costs() -> dict[str, float]:
    """Return seconds to build each locale's whole-topic handout once, in this process (fonts warmed by a first)."""
    service, handouts = load_service(ROOT / "content", ROOT / "translations", "en"), Handouts()
    handouts.get(service.store, "muscle-spasms", 1, service.negotiator.for_tag("en"), None, "letter", "warm-up")
    costs = {}
    for locale in LOCALES:
        started = time.perf_counter()
        handouts.get(service.store, "muscle-spasms", 1, service.negotiator.for_tag(locale), None, "a4", "u")
        costs[locale] = time.perf_counter() - started
    return costs


def served_rate(seconds: int) -> float:
    """Return requests per second for the cached Spanish handout on the shipped gunicorn settings."""
    server, base = start_gunicorn()
    try:
        url = base + HANDOUT.format("es")
        for _ in range(20):  # every worker builds its copy once
            requests.get(url, timeout=60)
        output = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", url], capture_output=True, text=True,
                                check=True, timeout=seconds + 30).stdout  # fmt: skip
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    finally:
        stop_gunicorn(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    costs = build_costs()
    for locale, cost in costs.items():
        print(f"build {locale:8} {cost * 1000:6.0f} ms")
    print(f"build median {statistics.median(costs.values()) * 1000:.0f} ms")
    print(f"served (cached es) {served_rate(args.seconds):.0f} req/s")


if __name__ == "__main__":
    main()
