"""The uvicorn worker the shipped gunicorn settings run (eubelong/gunicorn_conf.py).

A worker stops when it is recycled (after `max_requests`) or restarted. It stops taking
connections at once, but uvicorn then waits for every open request, and a live page's event
stream never ends by itself: the worker would hold its streams, and take no new connections,
until gunicorn killed it, and gunicorn starts no worker in its place before it is gone. This one
ends its streams as it stops; their pages reconnect to another worker and catch up from the
last event they had (docs/live.md).
"""

import sys

from gunicorn.arbiter import Arbiter
from uvicorn.server import Server
from uvicorn_worker import UvicornWorker as _UvicornWorker


class _Server(Server):
    async def shutdown(self, sockets=None):
        for server in self.servers:
            server.close()  # first: a stream that ends must reconnect to another worker
        from eubelong.core import live  # noqa: PLC0415 - the app has loaded it by now

        await live.stop_streams()
        await super().shutdown(sockets)


class UvicornWorker(_UvicornWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What still runs this long after the streams were told to end is cancelled.
        self.config.timeout_graceful_shutdown = self.cfg.graceful_timeout

    async def _serve(self) -> None:
        self.config.app = self.wsgi
        server = _Server(config=self.config)
        self._install_sigquit_handler()
        await server.serve(sockets=self.sockets)
        if not server.started:
            sys.exit(Arbiter.WORKER_BOOT_ERROR)
