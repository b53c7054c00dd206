import csv
import io
import json

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from eubelong.core.htmx import render_page

from .access import is_coordinator, region_view
from .audit_text import changes, event_label, summary
from .selectors import audit_entries, audit_entries_visible_to
from .stakeholders.io import neutralise

ACTIONS = [
    ("", _("All events")),
    ("signin", _("Sign-in")),
    ("2fa", _("Second factor")),
    ("member", _("Members and roles")),
    ("invitation", _("Invitations")),
    ("stakeholder", _("Stakeholders")),
    ("contact", _("Contact people")),
    ("coordinator", _("Coordinators")),
    ("user", _("Accounts")),
    ("gdpr", _("Personal data")),
    ("workplan", _("Workplan submissions and reviews")),
    ("report", _("Progress reports")),
    ("sharing", _("Data sharing")),
    ("assessment", _("Self-assessments")),
    ("template", _("Toolkit template")),
    ("questionnaire", _("Self-assessment questionnaire")),
    ("content", _("Shared content")),
]
PAGE_SIZE = 50


class AuditFilter(forms.Form):
    action = forms.ChoiceField(label=_("Event"), choices=ACTIONS, required=False)
    actor = forms.CharField(label=_("Done by (user name)"), required=False, max_length=150)
    target = forms.CharField(label=_("Concerning"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["action"]:
            queryset = queryset.filter(action__startswith=data["action"] + ".")
        if data["actor"]:
            queryset = queryset.filter(actor_label__iexact=data["actor"].strip())
        if data["target"]:
            queryset = queryset.filter(target_label__icontains=data["target"].strip())
        if data["since"]:
            queryset = queryset.filter(created_at__date__gte=data["since"])
        if data["until"]:
            queryset = queryset.filter(created_at__date__lte=data["until"])
        return queryset


def _is_coordinator_or_staff(user) -> bool:
    if user.is_staff and user.is_active:
        return True
    return is_coordinator(user)


def _render(request, queryset, context, filename):
    filters = AuditFilter(request.GET or None)
    queryset = filters.apply(queryset)
    if request.GET.get("format") == "csv":
        return _csv(queryset.select_related("region"), filename)
    page = Paginator(queryset.select_related("region", "actor"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for entry in page.object_list:
        entry.event = event_label(entry.action)
        entry.done_by = _done_by(entry)
        entry.summary = summary(entry.action, entry.after)
        entry.changes = (
            [] if entry.summary else changes(entry.before, entry.after, entry.target_type)
        )
        entry.link = _link(entry)
    query = request.GET.copy()
    query.pop("page", None)
    context.update(filters=filters, page=page, query=query.urlencode())
    return render_page(request, "regions/audit/log.html", context, partial="results")


def _done_by(entry) -> str:
    """The person's name beside the user name recorded at the time, which the filter matches."""
    name = entry.actor.get_full_name() if entry.actor is not None else ""
    if name and name != entry.actor_label:
        return f"{name} ({entry.actor_label})"
    return entry.actor_label


def _link(entry) -> str:
    """Where the rows an entry is about can be read: an import's organisations."""
    after = entry.after if isinstance(entry.after, dict) else {}
    # Imports recorded before the rows kept their import counted them in "rows" and cannot
    # be listed.
    if entry.action == "stakeholder.import" and entry.region_id and "rows" not in after:
        url = reverse("regions:stakeholders", kwargs={"region": entry.region.slug})
        return f"{url}?import={entry.uuid}"
    return ""


def _csv(queryset, filename):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "time",
            "region",
            "actor",
            "action",
            "target_type",
            "target",
            "before",
            "after",
            "ip_address",
        ]
    )
    for e in queryset.iterator(chunk_size=500):
        row = [
            e.created_at.isoformat(),
            e.region.slug if e.region else "",
            e.actor_label,
            e.action,
            e.target_type,
            e.target_label,
            json.dumps(e.before, ensure_ascii=False) if e.before is not None else "",
            json.dumps(e.after, ensure_ascii=False) if e.after is not None else "",
            e.ip_address or "",
        ]
        writer.writerow([neutralise(v) for v in row])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@region_view("manage_members")
def region_audit(request, region):
    return _render(
        request,
        audit_entries(region),
        {"region": region},
        f"audit-{region.slug}.csv",
    )


@require_safe
@login_required
def audit_all(request):
    """Coordinators and platform staff read the whole log."""
    if not _is_coordinator_or_staff(request.user):
        raise PermissionDenied
    return _render(request, audit_entries_visible_to(request.user), {"region": None}, "audit.csv")
