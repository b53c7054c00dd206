"""Picking up work after a session ended mid-edit (static/js/app.js).

The page that could not save asks `session_state` whether the person is signed in again and for
a fresh form token; the tab where they signed in again lands on `signed_in_again`, which tells
the waiting page to save."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .twofactor import session_complete


@never_cache
@require_GET
def session_state(request):
    signed_in = session_complete(request)
    return JsonResponse({"signed_in": signed_in, "token": get_token(request) if signed_in else ""})


@never_cache
@login_required
def signed_in_again(request):
    return render(request, "accounts/signed_in_again.html")
