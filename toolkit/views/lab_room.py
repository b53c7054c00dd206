"""A learning lab as its participants see it, from a phone and without an account: join with a
name and an organisation through the lab's link, then read the workplan's checklist and add
comments or proposed texts while the lab is open (docs/labs.md).

A participant is known by a signed cookie scoped to the lab's own address (`/lab/<link>/`), so
nothing else on the platform sees it and it outlives an idle session; every view here checks
that the lab is the one the cookie was given for.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eubelong.core.ratelimit import hit_key, too_many

from ..lab_forms import LabContributionForm, LabJoinForm
from ..models import LabParticipant
from ..selectors.labs import lab_by_token, lab_items, lab_participant, lab_response
from ..services import labs as services
from .common import GET_POST

COOKIE = "eubelong_lab"
SALT = "toolkit.lab"


def _lab(token):
    lab = lab_by_token(token)
    if lab is None:
        raise Http404
    return lab


def _participant(request, lab) -> LabParticipant | None:
    try:
        value = request.get_signed_cookie(COOKIE, salt=SALT)
    except (KeyError, signing.BadSignature):
        return None
    lab_hex, _sep, participant_hex = value.partition(":")
    if lab_hex != lab.uuid.hex:
        return None
    return lab_participant(lab, participant_hex)


def _room_url(lab, priority=None) -> str:
    url = reverse("lab:room", kwargs={"token": lab.token})
    return f"{url}?priority={priority}" if priority else url


def _closed(request, lab, participant=None):
    state = lab.state()
    return render(
        request,
        "toolkit/lab_closed.html",
        {"lab": lab, "state": state, "participant": participant},
        status=410 if state == "ended" else 200,
    )


@GET_POST
def lab_join(request, token):
    lab = _lab(token)
    if _participant(request, lab) is not None:
        return redirect(_room_url(lab))
    if not lab.is_open:
        return _closed(request, lab)
    form = LabJoinForm(request.POST or None)
    if request.method == "POST":
        if not hit_key(request, "lab-join", f"{lab.pk}:{_address(request)}", _rate("lab-join")):
            return too_many(request, "lab-join")
        if form.is_valid():
            try:
                participant = services.lab_join(lab=lab, **form.cleaned_data)
            except services.LabNotOpen:
                return _closed(request, lab)
            reply = redirect(_room_url(lab))
            reply.set_signed_cookie(
                COOKIE,
                f"{lab.uuid.hex}:{participant.uuid.hex}",
                salt=SALT,
                max_age=max(60, int((lab.ends_at - participant.joined_at).total_seconds())),
                path=reverse("lab:join", kwargs={"token": lab.token}),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return reply
    return render(
        request,
        "toolkit/lab_join.html",
        {"lab": lab, "form": form},
        status=400 if form.errors else 200,
    )


def lab_room(request, token, forms=None, status=200):
    lab = _lab(token)
    participant = _participant(request, lab)
    if participant is None:
        return redirect("lab:join", token=token)
    if not lab.is_open:
        return _closed(request, lab, participant)
    chosen = request.GET.get("priority", "")
    priorities, shown, responses = lab_items(lab, int(chosen) if chosen.isdigit() else None)
    proposals = lab.workplan.is_editable
    forms = forms or {}
    rows = [
        (response, forms.get(response.pk) or _form(response, proposals=proposals))
        for response in responses
    ]
    return render(
        request,
        "toolkit/lab_room.html",
        {
            "lab": lab,
            "participant": participant,
            "priorities": priorities,
            "shown": shown,
            "rows": rows,
            "mine": participant.contributions.count(),
        },
        status=status,
    )


@require_POST
def lab_contribute(request, token, response):
    lab = _lab(token)
    participant = _participant(request, lab)
    if participant is None:
        return redirect("lab:join", token=token)
    if not lab.is_open:
        return _closed(request, lab, participant)
    answer = lab_response(lab, response)
    if answer is None:
        raise Http404
    if not hit_key(request, "lab-contribute", str(participant.pk), _rate("lab-contribute")):
        return too_many(request, "lab-contribute")
    form = _form(answer, request.POST, proposals=lab.workplan.is_editable)
    if not form.is_valid():
        request.GET = request.GET.copy()
        request.GET["priority"] = str(answer.item.priority.number)
        return lab_room(request, token, forms={answer.pk: form}, status=400)
    try:
        services.lab_contribute(participant=participant, response=answer, **form.cleaned_data)
    except services.LabNotOpen:
        return _closed(request, lab, participant)
    messages.success(
        request,
        _("Thank you: your contribution to item %(number)s is in.")
        % {"number": f"{answer.item.priority.number}.{answer.item.number}"},
    )
    return redirect(_room_url(lab, answer.item.priority.number) + f"#item-{answer.uuid.hex}")


def _form(response, data=None, *, proposals):
    # One form per item on the page: ids carry the item.
    auto_id = f"id_%s_{response.uuid.hex}"
    return LabContributionForm(data, proposals=proposals, auto_id=auto_id)


def _rate(scope: str) -> str:
    return settings.RATELIMITS[scope]


def _address(request) -> str:
    """The client's address, hashed: a rate-limit key, not something to keep."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:16]
