from django.core.management.base import BaseCommand

from eubelong.notify.tasks import digests_send


class Command(BaseCommand):
    help = "Mail the notice digests that are due (Celery beat does this every hour with Redis)."

    def handle(self, *args, **options):
        self.stdout.write(f"{digests_send()} digests sent")
