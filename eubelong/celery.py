import logging
import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eubelong.settings")

app = Celery("eubelong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class Heartbeat(bootsteps.StartStopStep):
    """Every worker notes in the cache that it is alive, so /healthz can tell without a broker
    round trip (eubelong.core.health)."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_ref = None

    def start(self, worker):
        from eubelong.core.health import HEARTBEAT_EVERY

        self._beat()
        self.timer_ref = worker.timer.call_repeatedly(HEARTBEAT_EVERY, self._beat, priority=10)

    def stop(self, worker):
        if self.timer_ref is not None:
            self.timer_ref.cancel()
            self.timer_ref = None

    @staticmethod
    def _beat():
        from eubelong.core.health import heartbeat_write

        try:
            heartbeat_write()
        except Exception:  # a missed beat shows as unhealthy; it never stops the worker
            logging.getLogger(__name__).warning("could not write the worker heartbeat")


app.steps["worker"].add(Heartbeat)
