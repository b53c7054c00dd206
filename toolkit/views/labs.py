"""Learning labs as the region runs them: opening one on a workplan, the facilitator's screen
with contributions arriving live, closing it, and its summary (docs/labs.md)."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from eubelong.exports.registry import get_kind
from regions.access import region_view

from .. import selectors
from ..lab_forms import LabOpenForm
from ..selectors import labs as lab_selectors
from ..selectors.labs import lab_board, lab_contributions, lab_for_region
from ..services import labs as services
from .common import EDIT, GET_POST
from .live import event_stream, new_connection


def lab_url(lab, name="lab", **extra) -> str:
    kwargs = {"region": lab.workplan.region.slug, "workplan": lab.workplan.uuid, "lab": lab.uuid}
    return reverse(f"toolkit:{name}", kwargs={**kwargs, **extra})


def join_url(request, lab) -> str:
    return request.build_absolute_uri(reverse("lab:join", kwargs={"token": lab.token}))


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    label = _("QR code of the lab's link")
    return image.to_string(encoding="unicode").replace(
        "<svg ", f'<svg role="img" aria-label="{label}" ', 1
    )


@GET_POST
@region_view(write_perm=EDIT)
def workplan_labs(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    form = LabOpenForm(request.POST or None, initial=LabOpenForm.initial_for_now())
    if request.method == "POST" and form.is_valid():
        lab = services.lab_open(workplan=workplan, by=request.user, **form.cleaned_data)
        messages.success(request, _("The lab is open. Share its link or QR code."))
        return redirect(lab_url(lab))
    return render(
        request,
        "toolkit/labs.html",
        {
            "region": region,
            "workplan": workplan,
            "labs": lab_selectors.workplan_labs(workplan),
            "form": form,
            "can_open": EDIT in request.region_perms,
        },
        status=400 if form.errors else 200,
    )


@require_safe
@region_view()
def lab_detail(request, region, workplan, lab):
    """The facilitator's screen: the link and QR code, and contributions as they arrive."""
    lab = lab_for_region(region, workplan, lab)
    context = {
        "region": region,
        "workplan": lab.workplan,
        "lab": lab,
        "board": lab_board(lab),
        "can_manage": EDIT in request.region_perms,
    }
    if request.htmx:
        reply = render(request, "toolkit/lab.html#board", context)
    else:
        url = join_url(request, lab)
        extra = {"join_url": url, "qr_svg": _qr_svg(url), "live_conn": new_connection()}
        reply = render(request, "toolkit/lab.html", {**context, **extra})
    patch_vary_headers(reply, ["HX-Request"])
    return reply


@require_safe
@region_view()
def lab_events(request, region, workplan, lab):
    lab = lab_for_region(region, workplan, lab)
    return event_stream(request, region, services.lab_channel(lab))


@require_POST
@region_view(write_perm=EDIT)
def lab_close(request, region, workplan, lab):
    lab = lab_for_region(region, workplan, lab)
    services.lab_close(lab=lab, by=request.user)
    messages.success(request, _("The lab is closed. Everything contributed is kept."))
    return redirect(lab_url(lab, "lab-summary"))


@require_POST
@region_view(write_perm=EDIT)
def lab_highlight(request, region, workplan, lab):
    lab = lab_for_region(region, workplan, lab)
    chosen = request.POST.get("comment", "")
    comment = None
    if chosen:
        comment = next((c for c in lab_contributions(lab) if c.uuid.hex == chosen), None)
        if comment is None:
            raise Http404
    services.lab_highlight(lab=lab, comment=comment)
    # htmx follows the redirect and gets the board alone.
    return redirect(lab_url(lab) + "#highlight")


@GET_POST
@region_view(write_perm=EDIT)
def lab_summary(request, region, workplan, lab):
    """Who took part by sector, what was proposed and accepted; recorded in capacity building,
    exported to PDF, and participants invited to stay on."""
    lab = lab_for_region(region, workplan, lab)
    board = lab_board(lab)
    if request.method == "POST":
        if request.POST.get("do") == "record":
            services.lab_record(lab=lab, by=request.user, outcome=_outcome(board))
            messages.success(request, _("The lab is recorded in your capacity-building records."))
        elif request.POST.get("do") == "invite":
            participant = next(
                (p for p in board["participants"] if p.uuid.hex == request.POST.get("who")), None
            )
            if participant is None or not participant.email:
                raise Http404
            services.participant_invite(participant=participant, by=request.user, request=request)
            messages.success(
                request, _("%(name)s is invited as a contributor.") % {"name": participant.name}
            )
        return redirect(lab_url(lab, "lab-summary"))
    return render(
        request,
        "toolkit/lab_summary.html",
        {
            "region": region,
            "workplan": lab.workplan,
            "lab": lab,
            "board": board,
            "can_manage": EDIT in request.region_perms,
            "export_kind": get_kind("lab"),
        },
    )


def _outcome(board) -> str:
    return _(
        "%(people)s participants, %(count)s contributions, %(proposed)s proposed texts, "
        "%(accepted)s accepted."
    ) % {
        "people": len(board["participants"]),
        "count": board["count"],
        "proposed": len(board["proposals"]),
        "accepted": len(board["accepted"]),
    }
