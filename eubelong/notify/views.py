"""The notification centre, the e-mail settings and unsubscribing from digests."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from eubelong.core.htmx import render_page

from .mailing import UNSUBSCRIBE_SALT
from .models import EmailMode
from .registry import title_of
from .selectors import notice_for, notices_for
from .services import notices_read, preference_of, preference_set

PAGE_SIZE = 30


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label=gettext_lazy("Send me notices by e-mail"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
    )
    urgent_at_once = forms.BooleanField(
        label=gettext_lazy("Review decisions and mentions at once, whatever I choose above"),
        required=False,
    )


@require_safe
@login_required
def notice_list(request):
    page = Paginator(notices_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"notice": notice, "title": title_of(notice.kind, notice.params)}
        for notice in page.object_list
    ]
    return render_page(
        request,
        "notify/list.html",
        {"page": page, "rows": rows, "unread": any(r["notice"].read_at is None for r in rows)},
        partial="notices",
    )


@require_POST
@login_required
def notice_open(request, notice):
    """Mark the notice read and go to what it is about."""
    found = notice_for(request.user, notice)
    if found is None:
        raise Http404("No such notice")
    notices_read(user=request.user, uuids=[found.uuid])
    if not url_has_allowed_host_and_scheme(found.url, allowed_hosts={request.get_host()}):
        return redirect("notify:list")
    return redirect(found.url)


@require_POST
@login_required
def notices_read_all(request):
    count = notices_read(user=request.user)
    messages.success(
        request, _("All notices marked as read.") if count else _("Nothing was unread.")
    )
    return redirect("notify:list")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def settings_page(request):
    current = preference_of(request.user)
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"email": current.email, "urgent_at_once": current.urgent_at_once},
    )
    if request.method == "POST" and form.is_valid():
        preference_set(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your notice settings are saved."))
        return redirect("notify:settings")
    return render(
        request, "notify/settings.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """From the link in a digest: no more notice e-mail. Asked first, so that a mail scanner
    that follows links changes nothing."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)["u"]
    except (signing.BadSignature, KeyError, TypeError):
        return render(request, "notify/unsubscribe.html", {"invalid": True}, status=404)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return render(request, "notify/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        current = preference_of(user)
        preference_set(user=user, email=EmailMode.NONE, urgent_at_once=current.urgent_at_once)
        return render(request, "notify/unsubscribe.html", {"done": True})
    return render(request, "notify/unsubscribe.html", {"token": token})
