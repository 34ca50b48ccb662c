"""The static export, served by nginx, answers every explicit URL with the live API's bytes."""

import gzip
import json
import shutil
import tempfile
from pathlib import Path

import requests

from tests.conftest import free_port
from tests.test_nginx import start_nginx_with, stop_nginx

STATIC = """
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    types {{ application/json json; text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        gzip_static on;
    }}
}}
"""


def test_every_exported_file_is_the_live_body_of_its_explicit_url(app):
    root = Path(tempfile.mkdtemp(prefix="export-", dir="/tmp"))  # readable by nginx's unprivileged workers
    root.chmod(0o755)
    result = app.test_cli_runner().invoke(args=["content", "export", str(root)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((root / "manifest.json").read_text())
    assert len(manifest) > 50
    client = app.test_client()
    port = free_port()
    process, base, run = start_nginx_with(lambda run: STATIC.format(run=run, port=port, root=root), port)
    try:
        for path, entry in manifest.items():
            static = requests.get(base + path, timeout=30)
            live = client.get(entry["url"])
            assert static.status_code == live.status_code == 200, path
            assert static.content == live.data, path
            assert live.headers["ETag"] == f'"{entry["etag"]}"'
        assert any(path.endswith(".html") and "/sections/" in path for path in manifest)  # fragments too
        gzipped = {"Accept-Encoding": "gzip"}
        packed = requests.get(base + "/v1/bundles/ar.json", headers=gzipped, timeout=30, stream=True)
        assert packed.headers.get("Content-Encoding") == "gzip"
        assert gzip.decompress(packed.raw.read()) == client.get("/v1/bundles/ar").data
    finally:
        stop_nginx(process, run)
        shutil.rmtree(root, ignore_errors=True)
