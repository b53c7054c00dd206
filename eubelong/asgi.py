"""The ASGI application the shipped server runs (eubelong/gunicorn_conf.py, uvicorn workers).

Live pages' event streams (docs/live.md) are served by Django's ASGI handler, where a stream that
waits costs no thread. Every other request goes to the WSGI application on a pool of threads, as
gunicorn's gthread workers would serve it: Django's ASGI handler runs each request's sync code in
a thread of its own, which costs pages a good part of their throughput (measured in the bench).
"""

import asyncio
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


# Streams being opened at once in this process. Until its answer starts, an opening runs
# middleware and the view in a thread of its own with a database connection of its own (the
# stream hands it back as it starts): a room of pages arriving together must not ask
# PostgreSQL for a connection each.
OPENING = 8
_opening: dict = {}


async def _stream(scope, receive, send):
    loop = asyncio.get_running_loop()
    gate = _opening.get(loop) or _opening.setdefault(loop, asyncio.Semaphore(OPENING))
    await gate.acquire()
    open_ = [True]

    async def sending(message):
        if open_[0] and message["type"] == "http.response.start":
            open_[0] = False
            gate.release()
        await send(message)

    try:
        await django_asgi(scope, receive, sending)
    finally:
        if open_[0]:
            gate.release()


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        return await _lifespan(receive, send)
    if scope["type"] == "http" and STREAMS.match(scope.get("path", "")):
        return await _stream(scope, receive, send)
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
