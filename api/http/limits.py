"""Rate limits on the translators' writes and checks (Flask-Limiter), keyed by client address and by token."""

import hashlib
import time

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from werkzeug.middleware.proxy_fix import ProxyFix

from api.http.problems import problem_response

WRITES = ("catalogs.put_catalog", "catalogs.restore")  # one shared budget: a restore is a publish
CHECKS = ("catalogs.dry_run",)


def client_address() -> str:
    """Return the client's address: the socket's, or the one a trusted proxy forwarded (TRUSTED_PROXY_HOPS)."""
    return request.remote_addr or "unknown"


def sent_token() -> str:
    """Return a digest of the Authorization header, so that a token (right or wrong) has its own budget."""
    return hashlib.sha256(request.headers.get("Authorization", "").encode()).hexdigest()


def no_token() -> bool:
    """Say whether the request sends no credential (then only its address is counted)."""
    return "Authorization" not in request.headers


def too_many_requests(error: RateLimitExceeded) -> Response:
    """Render a breached limit as a 429 problem that says when to try again."""
    current = current_app.extensions["rate_limiter"].current_limit
    wait = current.reset_at - int(time.time()) if current else error.limit.limit.get_expiry()
    headers = {"Retry-After": str(max(1, wait))}
    return problem_response(429, "rate-limited", f"Too many requests: the limit is {error.description}.", headers)


def limit_endpoints(app: Flask, limiter: Limiter, endpoints: tuple, limit: str, scope: str) -> None:
    """Wrap each endpoint's view in a budget per client address and another per sent token."""
    per_address = limiter.shared_limit(limit, scope=scope, key_func=client_address)
    per_token = limiter.shared_limit(limit, scope=scope + "-token", key_func=sent_token, exempt_when=no_token)
    for endpoint in endpoints:
        app.view_functions[endpoint] = per_token(per_address(app.view_functions[endpoint]))


def install_limits(app: Flask) -> None:
    """Limit writes and checks, trust X-Forwarded-For only from TRUSTED_PROXY_HOPS proxies, and leave reads alone."""
    if app.config["TRUSTED_PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXY_HOPS"], x_proto=0, x_host=0)
    # If the shared storage (Redis) is down, count in this worker's memory meanwhile rather than fail the request.
    limiter = Limiter(client_address, app=app, key_prefix="patient-content-api", in_memory_fallback_enabled=True)
    app.extensions["rate_limiter"] = limiter
    limit_endpoints(app, limiter, WRITES, app.config["WRITE_RATE_LIMIT"], "catalog-writes")
    limit_endpoints(app, limiter, CHECKS, app.config["CHECK_RATE_LIMIT"], "catalog-checks")
    # The limits live in the wrapped views; Flask-Limiter's app-wide hooks would only add work to every read.
    for hooks in (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs):
        hooks[None] = [hook for hook in hooks.get(None, []) if not is_limiter_hook(hook, limiter)]
    app.register_error_handler(RateLimitExceeded, too_many_requests)


def is_limiter_hook(hook, limiter: Limiter) -> bool:
    """Say whether a request hook belongs to this limiter (a bound method or a partial of one)."""
    return getattr(hook, "__self__", None) is limiter or limiter in getattr(hook, "args", ())
