from django.core.management.base import BaseCommand

from eubelong.exports.services import export_resend_unsent


class Command(BaseCommand):
    help = (
        "Send again every export queued longer than EXPORTS_RESEND_AFTER seconds "
        "(after a broker outage or restart); safe to run from cron."
    )

    def handle(self, *args, **options):
        sent = export_resend_unsent()
        self.stdout.write(f"{sent} export job(s) sent again")
