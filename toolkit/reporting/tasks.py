"""Celery tasks of yearly reporting: thin, the work is in `services`."""

from celery import shared_task
from django.utils import timezone

from .services import period_open, periods_due_to_open, reminders_send

DAILY_TASK = "toolkit.reporting.daily"


@shared_task(name=DAILY_TASK)
def reporting_daily() -> dict:
    """Run by Celery beat every day (and by `manage.py reporting_daily`): open the periods whose
    day has come, then send the reminders due today."""
    today = timezone.localdate()
    opened = sum(period_open(period=period) for period in periods_due_to_open(today))
    return {"opened": opened, "reminded": reminders_send(today=today)}
