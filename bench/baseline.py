"""The baseline: a minimal Flask app that serves fixed bytes, as fast as Flask can."""

import json
from pathlib import Path

from flask import Flask, Response

BODY = Path(__file__).with_name("baseline-body.json")
HEADERS = Path(__file__).with_name("baseline-headers.json")


def create_app() -> Flask:
    """Serve the bytes in baseline-body.json (or a small JSON document) at every path.

    Under /with-headers/ it also sends the header lines in baseline-headers.json, so that the cost
    of the API's own headers (ETag, Vary, Content-Location, ...) can be told apart from the rest.
    """
    app = Flask(__name__)
    body = BODY.read_bytes() if BODY.exists() else b'{"status":"ok"}'
    headers = json.loads(HEADERS.read_text()) if HEADERS.exists() else []

    @app.get("/with-headers/<path:path>")
    def fixed_with_headers(path):
        return Response(body, mimetype="application/json", headers=headers)

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def fixed(path):
        return Response(body, mimetype="application/json")

    return app
