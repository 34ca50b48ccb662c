"""Production settings for `gunicorn 'api:create_app()'`; every value can be overridden by env."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# gthread keeps connections alive (sync closes after every response); see bench/README.md.
worker_class = os.environ.get("WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("THREADS", "4"))
# Fill the store from the files (once, in the master) and build every representation; workers share the pages.
preload_app = True
keepalive = 5
# The largest request line gunicorn allows; longer ones get gunicorn's own 414 page (and a header over
# limit_request_field_size, 8190 bytes, its 431) before the app sees them. Those pages lack nosniff, which gunicorn
# cannot add: the nginx front (deploy/nginx.conf) answers such requests itself, with it. See SECURITY.md.
limit_request_line = 8190
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
# LOG_LEVEL=debug also shows the traceback behind a start-up error, which is otherwise one line naming what to fix.
loglevel = os.environ.get("LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'


def post_fork(server, worker):
    """Give each worker its own store connections: a connection never crosses a fork."""
    app = getattr(server.app, "callable", None)  # the preloaded app
    if app is not None and "reads" in getattr(app, "extensions", {}):
        app.extensions["reads"].engine.dispose(close=False)


def pre_fork(server, worker):
    """Freeze what the preloaded app holds before a worker forks: no collection walks it, no write copies it."""
    import gc

    gc.freeze()
