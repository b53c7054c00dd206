"""A person's API tokens: the list, making one (shown once, never stored) and revoking one.
Signed-in pages, behind the second factor like every other (SecondFactorMiddleware)."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from eubelong.core.text import SingleLineField

from . import selectors, services

NEVER = "never"
LIFETIMES = [
    ("30", gettext_lazy("30 days")),
    ("90", gettext_lazy("90 days")),
    ("365", gettext_lazy("1 year")),
    (NEVER, gettext_lazy("Does not expire")),
]


class TokenForm(forms.Form):
    name = SingleLineField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, so you can tell your tokens apart."),
        error_messages={
            "required": gettext_lazy("Enter a name for the token"),
            "max_length": gettext_lazy("Enter a name of 100 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    lifetime = forms.ChoiceField(
        label=gettext_lazy("Expires after"),
        choices=LIFETIMES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose when the token expires"),
            "invalid_choice": gettext_lazy("Choose when the token expires"),
        },
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter a name for the token"))
        return name

    def expires_at(self):
        lifetime = self.cleaned_data["lifetime"]
        if lifetime == NEVER:
            return None
        return timezone.now() + datetime.timedelta(days=int(lifetime))


@require_safe
@login_required
def token_list(request):
    tokens = selectors.user_tokens(request.user)
    now = timezone.now()
    for token in tokens:
        token.expired = token.expires_at is not None and token.expires_at <= now
    return render(request, "api/tokens.html", {"tokens": tokens})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def token_new(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row, token = services.token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            expires_at=form.expires_at(),
            request=request,
        )
        # Shown in this answer only (never_cache: not kept by the browser either); it is not
        # stored, so no later page can show it again.
        return render(request, "api/token_created.html", {"row": row, "token": token})
    return render(request, "api/token_new.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def token_revoke(request, token):
    row = selectors.user_token(request.user, token)
    if request.method == "POST":
        if services.token_revoke(token=row, by=request.user, request=request):
            messages.success(
                request,
                _("The token %(name)s is revoked: it no longer works.") % {"name": row.name},
            )
        return redirect("api:tokens")
    return render(request, "api/token_revoke.html", {"row": row})
