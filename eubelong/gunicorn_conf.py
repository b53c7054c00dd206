"""Gunicorn settings shipped with the image: `gunicorn -c python:eubelong.gunicorn_conf`.

Gunicorn has no body-size limit of its own; the application refuses oversized bodies from their
Content-Length before reading them (eubelong.core.security.RequestBodyLimitMiddleware), and the
reverse proxy in front must cap them too (docs/operations.md "Deployment duties")."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# ASGI (eubelong.asgi) under uvicorn workers: a live workplan page holds its event stream open
# for as long as it is shown, and an async stream costs no thread; pages run on GUNICORN_THREADS
# threads per worker there. `gthread` with eubelong.wsgi serves pages only (docs/live.md): its
# threads would each be held by one stream.
# eubelong.workers.UvicornWorker is uvicorn's, ending its streams as it stops.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "eubelong.workers.UvicornWorker")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # gthread's, or eubelong.asgi's page threads
# gthread: a request that takes longer than this is stuck and its worker is restarted. uvicorn
# workers answer gunicorn's heartbeat from their event loop, so open streams never trip it.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Request line and headers: small and few, as a browser sends them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
# Workers are recycled now and then so that a slow leak never takes a machine down, but seldom:
# a new worker starts with cold connections and plans, and its live pages reconnect. At 2000,
# a busy worker was recycled every half minute. 0: never.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
