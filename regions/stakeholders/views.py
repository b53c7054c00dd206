import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from eubelong.core.htmx import render_page
from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows
from eubelong.core.security import accepts_uploads

from ..access import region_view
from ..models import Stakeholder
from ..selectors import contact_for_region
from .forms import ContactForm, StakeholderFilter, StakeholderForm
from .io import (
    COLUMNS,
    ImportFileError,
    export_csv,
    export_xlsx,
    read_rows,
    stakeholders_import,
    validate_rows,
)
from .services import (
    STAKEHOLDER_FIELDS,
    contact_create,
    contact_delete,
    contact_update,
    contacts_past_retention,
    sector_level_map,
    stakeholder_create,
    stakeholder_delete,
    stakeholder_detail,
    stakeholder_import_entry,
    stakeholder_update,
    stakeholders_for_region,
)

MANAGE = "manage_members"
IMPORT_SESSION_KEY = "stakeholder_import"


def _list_url(region):
    return reverse("regions:stakeholders", kwargs={"region": region.slug})


def _get_stakeholder(region, uuid):
    try:
        return stakeholder_detail(region, uuid)
    except Stakeholder.DoesNotExist as error:
        raise Http404 from error


@require_safe
@region_view()
def stakeholder_list(request, region):
    filters = StakeholderFilter(request.GET or None)
    stakeholders = filters.apply(stakeholders_for_region(region)).order_by("name")
    imported = None
    if "import" in request.GET:
        # The rows one import created, as its audit entry links to them; another region's
        # import, or none, is not found.
        imported = stakeholder_import_entry(region, request.GET["import"])
        if imported is None:
            raise Http404
        stakeholders = stakeholders.filter(import_batch=imported.uuid)
    can_manage = MANAGE in request.region_perms
    context = {
        "region": region,
        "stakeholders": stakeholders,
        "imported": imported,
        "filters": filters,
        "map": sector_level_map(region),
        "can_manage": can_manage,
        "retention_count": contacts_past_retention(region).count() if can_manage else 0,
    }
    return render_page(request, "regions/stakeholders/list.html", context, partial="results")


@require_safe
@region_view()
def stakeholder_show(request, region, stakeholder):
    obj = _get_stakeholder(region, stakeholder)
    can_manage = MANAGE in request.region_perms
    flagged = (
        set(contacts_past_retention(region).filter(stakeholder=obj).values_list("pk", flat=True))
        if can_manage
        else set()
    )
    return render(
        request,
        "regions/stakeholders/detail.html",
        {"region": region, "stakeholder": obj, "can_manage": can_manage, "flagged": flagged},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def stakeholder_new(request, region):
    form = StakeholderForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        obj = stakeholder_create(
            region=region,
            data={f: form.cleaned_data[f] for f in STAKEHOLDER_FIELDS},
            by=request.user,
            request=request,
        )
        messages.success(request, _("Stakeholder added."))
        return redirect("regions:stakeholder", region=region.slug, stakeholder=obj.uuid)
    return render(
        request,
        "regions/stakeholders/form.html",
        {"region": region, "form": form, "creating": True},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def stakeholder_edit(request, region, stakeholder):
    obj = _get_stakeholder(region, stakeholder)
    conflict = None
    if request.method == "POST":
        form = StakeholderForm(request.POST, instance=obj, region=region)
        if form.is_valid():
            try:
                stakeholder_update(
                    stakeholder=obj,
                    version=form.cleaned_data["version"] or 0,
                    data={f: form.cleaned_data[f] for f in STAKEHOLDER_FIELDS},
                    by=request.user,
                    request=request,
                )
            except ConflictError as error:
                conflict = conflict_keep(form, error)
            else:
                messages.success(request, _("Stakeholder saved."))
                return redirect("regions:stakeholder", region=region.slug, stakeholder=obj.uuid)
    else:
        form = StakeholderForm(instance=obj, region=region, initial={"version": obj.version})
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    return render(
        request,
        "regions/stakeholders/form.html",
        {
            "region": region,
            "form": form,
            "stakeholder": obj,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def stakeholder_remove(request, region, stakeholder):
    obj = _get_stakeholder(region, stakeholder)
    if request.method == "POST":
        stakeholder_delete(stakeholder=obj, by=request.user, request=request)
        messages.success(request, _("Stakeholder deleted."))
        return redirect(_list_url(region))
    return render(
        request,
        "regions/stakeholders/confirm_delete.html",
        {"region": region, "object": obj, "stakeholder": obj},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def contact_new(request, region, stakeholder):
    obj = _get_stakeholder(region, stakeholder)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact_create(stakeholder=obj, data=form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("Contact person added."))
        return redirect("regions:stakeholder", region=region.slug, stakeholder=obj.uuid)
    return render(
        request,
        "regions/stakeholders/contact_form.html",
        {"region": region, "stakeholder": obj, "form": form},
        status=400 if form.errors else 200,
    )


def _get_contact(region, uuid):
    contact = contact_for_region(region, uuid)
    if contact is None:
        raise Http404
    return contact


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def contact_edit(request, region, contact):
    obj = _get_contact(region, contact)
    form = ContactForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        contact_update(contact=obj, data=form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("Contact person saved."))
        return redirect("regions:stakeholder", region=region.slug, stakeholder=obj.stakeholder.uuid)
    return render(
        request,
        "regions/stakeholders/contact_form.html",
        {"region": region, "stakeholder": obj.stakeholder, "form": form, "contact": obj},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def contact_remove(request, region, contact):
    obj = _get_contact(region, contact)
    if request.method == "POST":
        contact_delete(contact=obj, by=request.user, request=request)
        messages.success(request, _("Contact person deleted."))
        return redirect("regions:stakeholder", region=region.slug, stakeholder=obj.stakeholder.uuid)
    return render(
        request,
        "regions/stakeholders/confirm_delete.html",
        {"region": region, "object": obj, "stakeholder": obj.stakeholder},
    )


@accepts_uploads
@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def stakeholder_import(request, region):
    """Upload, then a preview of every row and its errors; nothing is written here."""
    context = {"region": region, "columns": COLUMNS}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = _("Choose a file to upload.")
        else:
            try:
                rows = read_rows(upload)
            except ImportFileError as error:
                context["file_error"] = str(error)
            else:
                parsed = validate_rows(region, rows)
                bad = [r for r in parsed if r.errors]
                token = secrets.token_urlsafe(16)
                if not bad:
                    request.session[IMPORT_SESSION_KEY] = {
                        "region": region.pk,
                        "token": token,
                        "rows": rows,
                    }
                else:
                    request.session.pop(IMPORT_SESSION_KEY, None)
                context.update(
                    parsed=parsed,
                    bad=bad,
                    token=token,
                    organisations=len({r.values["name"].lower() for r in parsed}),
                    filename=upload.name,
                )
        status = 400 if context.get("file_error") or context.get("bad") else 200
        return render(request, "regions/stakeholders/import.html", context, status=status)
    return render(request, "regions/stakeholders/import.html", context)


@require_POST
@region_view(MANAGE)
def stakeholder_import_confirm(request, region):
    pending = request.session.get(IMPORT_SESSION_KEY)
    if (
        not pending
        or pending.get("region") != region.pk
        or pending.get("token") != request.POST.get("token")
    ):
        messages.error(request, _("That import has expired. Upload the file again."))
        return redirect("regions:stakeholder-import", region=region.slug)
    try:
        count = stakeholders_import(
            region=region, rows=pending["rows"], by=request.user, request=request
        )
    except (ValidationError, IntegrityError):
        messages.error(
            request,
            _(
                "The registry changed since the preview and some rows no longer fit; nothing was "
                "imported. Upload the file again."
            ),
        )
        return redirect("regions:stakeholder-import", region=region.slug)
    finally:
        request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(request, _("%(n)s organisations imported.") % {"n": count})
    return redirect(_list_url(region))


@require_safe
@region_view(MANAGE)
def stakeholder_export(request, region, fmt):
    if fmt == "xlsx":
        content = export_xlsx(region)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        content = export_csv(region)
        ctype = "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="stakeholders-{region.slug}.{fmt}"'
    return response
