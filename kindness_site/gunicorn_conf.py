"""gunicorn settings for production.

    gunicorn --config python:kindness_site.gunicorn_conf kindness_site.wsgi

Why threaded workers with keep-alive: a cached page costs the site well under a millisecond, so
with gunicorn's default sync workers most of each hit went into opening and closing a TCP
connection (sync workers cannot keep one open). ``gthread`` workers keep connections alive for a
reverse proxy or load balancer that reuses them (nginx ``keepalive``, most cloud balancers) and
let a worker serve another request while one waits on PostgreSQL or Redis. Measured with the
bench's cached pages on two busy cores: about 1,500 req/s with 4 sync workers, over 4,000 with
4 workers x 4 threads. Each thread keeps its own database connection (DATABASE_CONN_MAX_AGE), so
plan PostgreSQL's ``max_connections`` for WEB_CONCURRENCY x GUNICORN_THREADS per node.

Every value can be overridden from the environment; the module is plain Python with no Django.
"""

from __future__ import annotations

import os

from kindness_site.settings.env import env_bool, env_int, env_str

bind = env_str("GUNICORN_BIND", "0.0.0.0:8000")
# SINGLE_PROCESS=true declares a deployment without a shared cache: one worker (threads still
# serve requests in parallel; they share the process's cache).
workers = env_int("WEB_CONCURRENCY", 1 if env_bool("SINGLE_PROCESS") else 2 * (os.cpu_count() or 1))
worker_class = "gthread"
threads = env_int("GUNICORN_THREADS", 4)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak in any library cannot grow without bound.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
timeout = env_int("GUNICORN_TIMEOUT", 30)
backlog = env_int("GUNICORN_BACKLOG", 2048)
# Import Django and Wagtail once in the master, then fork: boots in seconds instead of every
# worker importing everything at the same time.
preload_app = True
# Access lines come from the site itself (JSON with the request id); gunicorn's would double them.
accesslog = None
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "warning")
