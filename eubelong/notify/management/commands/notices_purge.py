from django.core.management.base import BaseCommand

from eubelong.notify.services import KEEP_DAYS, notices_purge


class Command(BaseCommand):
    help = f"Delete notices older than {KEEP_DAYS} days (Celery beat does this daily with Redis)."

    def handle(self, *args, **options):
        self.stdout.write(f"{notices_purge()} notices deleted")
