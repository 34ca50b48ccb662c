"""Cache hits through the shipped nginx front against nginx serving the same bytes as a static file.

Usage: python bench/nginx.py [--runs 5] [--seconds 5]   (needs nginx and wrk from Debian)
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.scale import wrk
from tests.conftest import free_port, start_gunicorn, stop_gunicorn
from tests.test_export import STATIC
from tests.test_nginx import start_nginx, start_nginx_with, stop_nginx

SECTION = "/v1/topics/muscle-spasms/sections/concerning-signs?locale=es"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    app, upstream = start_gunicorn({"WEB_CONCURRENCY": "2"})
    front, front_url, front_run = start_nginx(upstream.removeprefix("http://"))
    root = Path(tempfile.mkdtemp(prefix="static-", dir="/tmp"))
    root.chmod(0o755)
    body = requests.get(front_url + SECTION, timeout=5).content
    (root / "section.json").write_bytes(body)
    port = free_port()
    static, static_url, static_run = start_nginx_with(lambda run: STATIC.format(run=run, port=port, root=root), port)
    try:
        time.sleep(0.5)
        assert requests.get(front_url + SECTION, timeout=5).headers["X-Cache-Status"] == "HIT"
        hits, files = [], []
        for _ in range(args.runs):
            hits.append(wrk(front_url + SECTION, args.seconds))
            files.append(wrk(static_url + "/section.json", args.seconds))
        hit, file = statistics.median(hits), statistics.median(files)
        print(f"nginx cache hit {hit:.0f} req/s; nginx static file {file:.0f} req/s; ratio {hit / file:.2f}x")
    finally:
        stop_nginx(static, static_run)
        stop_nginx(front, front_run)
        stop_gunicorn(app)
        subprocess.run(["rm", "-rf", str(root)], check=False)


if __name__ == "__main__":
    sys.exit(main())
