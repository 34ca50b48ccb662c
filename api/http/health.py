"""Liveness and readiness probes."""

from flask import Blueprint, Response, current_app

bp = Blueprint("health", __name__)

OK = b'{"status":"ok"}'


@bp.get("/healthz")
def healthz():
    """Say the process is up."""
    return Response(OK, mimetype="application/json", headers={"Cache-Control": "no-store"})


@bp.get("/readyz")
def readyz():
    """Say the content is loaded and every representation is built."""
    ready = "live" in current_app.extensions
    body = OK if ready else b'{"status":"loading"}'
    return Response(body, 200 if ready else 503, mimetype="application/json", headers={"Cache-Control": "no-store"})
