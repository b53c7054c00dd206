"""The audit log in words: events and recorded values as labels and sentences, never codes.

Events are stored as `subject.what` codes and values as the fields they touched; this module names
both in the reader's language. The CSV export keeps the codes, for machines.
"""

import datetime
import functools

from django.apps import apps
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from eubelong.core import l10n

from .models import GovernanceLevel, Role, Sector

SUBJECTS = {
    "workplan": _("Workplan"),
    "report": _("Progress report"),
    "stakeholder": _("Stakeholder"),
    "contact": _("Contact person"),
    "member": _("Member"),
    "invitation": _("Invitation"),
    "coordinator": _("Network coordinator"),
    "2fa": _("Two-step sign-in"),
    "signin": _("Sign-in"),
    "gdpr": _("Personal data"),
    "user": _("Account"),
    "assessment": _("Self-assessment"),
    "questionnaire": _("Self-assessment questionnaire"),
    "template": _("Toolkit template"),
    "content": _("Shared content"),
    "sharing": _("Data sharing"),
}
DONE = {
    "create": _("created"),
    "update": _("changed"),
    "delete": _("deleted"),
    "remove": _("removed"),
    "add": _("added"),
    "submit": _("submitted"),
    "submitted": _("submitted"),
    "approved": _("approved"),
    "changes_requested": _("changes requested"),
    "accepted": _("accepted"),
    "withdrawn": _("withdrawn"),
    "draft": _("draft saved"),
    "publish": _("published"),
    "save": _("saved"),
    "reopen": _("reopened"),
    "enable": _("turned on"),
    "reset": _("reset"),
    "replace": _("replaced"),
    "success": _("succeeded"),
    "failure": _("failed"),
    "import": _("imported"),
    "export": _("exported"),
    "erase": _("erased"),
    "accept": _("accepted"),
    "revoke": _("revoked"),
    "resend": _("sent again"),
    "role_change": _("role changed"),
    "assign": _("reviewer assigned"),
    "ready": _("marked ready to submit"),
    "deactivate": _("deactivated"),
    "recovery_codes": _("new recovery codes made"),
}
# Whole labels where "subject: what was done" would read wrongly.
EVENTS = {
    "stakeholder.import": _("Stakeholders imported"),
    "workplan.not_ready": _("Workplan: no longer marked ready to submit"),
    "workplan.revision": _("Workplan: new revision started"),
    # Withdrawals and new revisions were once recorded as the state they led to.
    "workplan.draft": _("Workplan: back to draft"),
    "workplan.published": _("Workplan: published on the public site"),
    "workplan.unpublished": _("Workplan: withdrawn from the public site"),
    "api_token.created": _("API token created"),
    "api_token.revoked": _("API token revoked"),
    "template.draft": _("Toolkit template: new version started"),
    "template.priority": _("Toolkit template: priority changed"),
    "questionnaire.draft": _("Self-assessment questionnaire: new version started"),
    "lab.opened": _("Learning lab opened"),
    "lab.closed": _("Learning lab closed early"),
    "lab.recorded": _("Learning lab recorded in capacity building"),
}
FIELDS = {
    "status": _("Status"),
    "revision": _("Revision"),
    "role": _("Role"),
    "roles": _("Roles"),
    "email": _("E-mail"),
    "username": _("User name"),
    "is_active": _("Active"),
    "name": _("Name"),
    "sector": _("Sector"),
    "level": _("Governance level"),
    "title": _("Title"),
    "kind": _("Type"),
    "date": _("Date"),
    "reviewer": _("Reviewer"),
    "new_link": _("New link"),
    "message": _("Message"),
    "website": _("Website"),
    "notes": _("Notes"),
    "phone": _("Phone"),
    "consent": _("Consent"),
    "consent_date": _("Consent date"),
    "consent_purpose": _("Consent purpose"),
    "contacts": _("Contact people"),
    "organisations": _("Organisations"),
    "network": _("Network"),
    "shares_with_network": _("Shared with the network"),
    "changed": _("Fields changed"),
    "via": _("Changed through"),
    "overview": _("Overview"),
    "items": _("Checklist items"),
    "added": _("Added"),
}
STATUSES = {
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "approved": _("Approved"),
    "changes_requested": _("Changes requested"),
    "accepted": _("Accepted"),
    "withdrawn": _("Withdrawn"),
}
VIA = {"admin": _("Administration site")}
CHOICES = {
    "role": dict(Role.choices),
    "roles": dict(Role.choices),
    "sector": dict(Sector.choices),
    "level": dict(GovernanceLevel.choices),
    "status": STATUSES,
    "via": VIA,
}
# Recorded target types whose model is named differently.
MODELS = {"contact": "contactperson", "report": "progressreport", "template": "templateversion"}
DATES = {"date", "consent_date", "start_date", "end_date"}


def labelled(code: str) -> bool:
    """Whether the page has words for this event code."""
    subject, _sep, what = (code or "").partition(".")
    return code in EVENTS or (subject in SUBJECTS and what in DONE)


def event_label(code: str) -> str:
    """`workplan.approved` -> "Workplan: approved"; a bare `create` -> "Created"."""
    if code in EVENTS:
        return str(EVENTS[code])
    subject, _sep, what = (code or "").partition(".")
    if not what:
        subject, what = "", subject
    done = DONE.get(what)
    if done is None:
        return str(_("Other event"))
    if subject not in SUBJECTS:
        return str(done).capitalize()
    return str(_("%(subject)s: %(done)s") % {"subject": SUBJECTS[subject], "done": done})


def summary(code: str, after) -> str:
    """One sentence for events whose values say more together than as a list."""
    if code == "stakeholder.import" and isinstance(after, dict):
        organisations, contacts = after.get("organisations") or 0, after.get("contacts") or 0
        return ", ".join(
            [
                ngettext("%(n)s organisation", "%(n)s organisations", organisations)
                % {"n": l10n.number(organisations)},
                ngettext("%(n)s contact person", "%(n)s contact people", contacts)
                % {"n": l10n.number(contacts)},
            ]
        )
    return ""


@functools.cache
def _model_fields(target_type: str) -> dict:
    """The recorded target's model fields by name, for their verbose names and choices."""
    name = MODELS.get(target_type, target_type)
    for model in apps.get_models():
        if model._meta.model_name == name:
            return {f.name: f for f in model._meta.concrete_fields}
    return {}


def humanize(key: str) -> str:
    return key.replace("_", " ").capitalize()


def field_label(field: str, target_type: str = "") -> str:
    """A recorded field's name in words: the known label, the model's, else the key made
    readable; never the key itself."""
    if field in FIELDS:
        return str(FIELDS[field])
    model_field = _model_fields(target_type).get(field) if target_type else None
    if model_field is not None and model_field.verbose_name != field.replace("_", " "):
        return str(model_field.verbose_name).capitalize()
    return humanize(field)


def _choice(field: str, value, target_type: str):
    labels = CHOICES.get(field)
    if labels is None and target_type:
        model_field = _model_fields(target_type).get(field)
        labels = dict(model_field.flatchoices) if model_field and model_field.choices else None
    return labels.get(value) if labels and isinstance(value, str) else None


def _value(field: str, value, target_type: str = "") -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if field == "changed" and isinstance(value, list):
        return ", ".join(field_label(str(v), target_type) for v in value)
    if isinstance(value, list):
        return ", ".join(_value(field, v, target_type) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(str(k), target_type)}: {_value(str(k), v, target_type)}"
            for k, v in value.items()
        )
    if isinstance(value, int | float):
        return l10n.number(value)
    label = _choice(field, value, target_type)
    if label is not None:
        return str(label)
    if field in DATES and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            pass
    return str(value)


def changes(before, after, target_type: str = "") -> list[tuple[str, str, str]]:
    """(field label, value before, value after) for each recorded field that differs or is new."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    rows = []
    for field in [*before, *(f for f in after if f not in before)]:
        old, new = before.get(field), after.get(field)
        if field in before and field in after and old == new:
            continue
        rows.append(
            (
                field_label(str(field), target_type),
                _value(field, old, target_type) if field in before else "",
                _value(field, new, target_type) if field in after else "",
            )
        )
    return rows
