"""A person's own page: their roles, and links to language, password and second factor."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..selectors import user_coordinated_networks, user_roles


@require_safe
@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": user_roles(request.user),
            "networks": user_coordinated_networks(request.user),
        },
    )
