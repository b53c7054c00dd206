import json

from django.core.management.base import BaseCommand, CommandError

from eubelong.core.health import report


class Command(BaseCommand):
    help = "Check the database, Redis and a live ping of the Celery workers (for operators)."

    def handle(self, *args, **options):
        result, healthy = report(live_worker=True)
        self.stdout.write(json.dumps(result))
        if not healthy:
            raise CommandError("unhealthy")
