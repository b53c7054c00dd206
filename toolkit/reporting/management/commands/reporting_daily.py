from django.core.management.base import BaseCommand

from toolkit.reporting.tasks import reporting_daily


class Command(BaseCommand):
    help = "Open the reporting periods whose day has come and send today's reminders (Celery beat does this daily with Redis)."

    def handle(self, *args, **options):
        result = reporting_daily()
        self.stdout.write(f"{result['opened']} reports opened, {result['reminded']} reminders sent")
