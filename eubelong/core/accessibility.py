"""The accessibility statement that the Web Accessibility Directive asks every public site for."""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

# When the statement was last reviewed against the test results; update with the statement.
STATEMENT_DATE = datetime.date(2026, 11, 22)


@require_safe
def statement(request):
    return render(
        request,
        "accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "statement_date": STATEMENT_DATE,
            "languages": settings.LANGUAGES,
        },
    )
