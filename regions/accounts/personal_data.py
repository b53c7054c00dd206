"""A person's own page of their personal data, with its download."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ..audit import audit_record
from .selectors import personal_data


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def my_data(request):
    if request.method == "POST":
        data = personal_data(request.user)
        audit_record(
            action="gdpr.export",
            actor=request.user,
            target_type="user",
            target_label=request.user.get_username(),
            request=request,
        )
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    return render(request, "accounts/my_data.html")
