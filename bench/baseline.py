"""The baseline: a minimal Flask app that serves fixed bytes, as fast as Flask can."""

from pathlib import Path

from flask import Flask, Response

BODY = Path(__file__).with_name("baseline-body.json")


def create_app() -> Flask:
    """Serve the bytes in BASELINE_BODY (or a small JSON document) at every path."""
    app = Flask(__name__)
    body = BODY.read_bytes() if BODY.exists() else b'{"status":"ok"}'

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def fixed(path):
        return Response(body, mimetype="application/json")

    return app
