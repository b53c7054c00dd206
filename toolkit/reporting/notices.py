"""The notices of yearly reporting. Dates are stored as ISO dates and written in the reader's
own date format."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from eubelong.notify.registry import NoticeKind, register_kind


def _dates(params: dict) -> dict:
    try:
        due = datetime.date.fromisoformat(params.get("due", ""))
    except ValueError:
        return {}
    return {"due": date_format(due, "DATE_FORMAT")}


def _kind(key, title, **options):
    register_kind(NoticeKind(key, title, localise=_dates, **options))


_kind(
    "report.opened", _("The %(year)s progress report of %(region)s is open; it is due on %(due)s")
)
_kind("report.due_soon", _("The %(year)s progress report of %(region)s is due on %(due)s"))
_kind("report.due_today", _("The %(year)s progress report of %(region)s is due today"), urgent=True)
_kind(
    "report.overdue",
    _("The %(year)s progress report of %(region)s was due on %(due)s and is not submitted yet"),
    urgent=True,
)
_kind("report.submitted", _("%(person)s submitted the %(year)s progress report of %(region)s"))
_kind(
    "report.changes_requested",
    _("Changes requested on the %(year)s progress report of %(region)s"),
    urgent=True,
)
_kind("report.accepted", _("The %(year)s progress report of %(region)s was accepted"), urgent=True)
