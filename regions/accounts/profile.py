"""A person's own page: their name, their roles, and links to language, password and second
factor."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from ..selectors import user_coordinated_networks, user_roles
from .services import user_name_change


class NameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=150,
        help_text=gettext_lazy("How other members of your regions see you."),
        error_messages={"required": gettext_lazy("Enter your full name")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your full name"))
        return name


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


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_name(request):
    form = NameForm(request.POST or None, initial={"name": request.user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        if user_name_change(user=request.user, name=form.cleaned_data["name"], request=request):
            messages.success(request, _("Your name is now %(name)s.") % form.cleaned_data)
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile_name.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
