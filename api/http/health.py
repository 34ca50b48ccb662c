"""Liveness and readiness probes."""

from flask import Blueprint, Response

bp = Blueprint("health", __name__)

OK = b'{"status":"ok"}'


@bp.get("/healthz")
def healthz():
    """Say the process is up."""
    return Response(OK, mimetype="application/json", headers={"Cache-Control": "no-store"})


@bp.get("/readyz")
def readyz():
    """Say the content is loaded: create_app loads it before this route exists, and preload_app before any worker."""
    return Response(OK, mimetype="application/json", headers={"Cache-Control": "no-store"})
