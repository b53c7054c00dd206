"""The ASGI application the shipped server runs (eubelong/gunicorn_conf.py, uvicorn workers).

Live pages' event streams (docs/live.md) are served by Django's ASGI handler, where a stream that
waits costs no thread. Every other request goes to the WSGI application on a pool of threads, as
gunicorn's gthread workers would serve it: Django's ASGI handler runs each request's sync code in
a thread of its own, which costs pages a good part of their throughput (measured in the bench).
"""

import os
import re

from a2wsgi import WSGIMiddleware
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eubelong.settings")

# The streams: a workplan's and a lab's (toolkit/urls.py).
STREAMS = re.compile(r"^/regions/[^/]+/workplans/[^/]+/(?:labs/[^/]+/)?live/$")

django_asgi = get_asgi_application()
# The same number of threads gthread workers would have (GUNICORN_THREADS).
pages = WSGIMiddleware(get_wsgi_application(), workers=int(os.environ.get("GUNICORN_THREADS", "4")))


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        return await _lifespan(receive, send)
    if scope["type"] == "http" and STREAMS.match(scope.get("path", "")):
        return await django_asgi(scope, receive, send)
    return await pages(scope, receive, send)


async def _lifespan(receive, send):
    """Nothing to start or stop; answering keeps the server from logging that it is unknown."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
