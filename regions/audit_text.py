"""The audit log in words: events and recorded values as labels and sentences, never codes.

Events are stored as `subject.what` codes and values as the fields they touched; this module names
both in the reader's language. The CSV export keeps the codes, for machines.
"""

from django.utils.translation import gettext_lazy as _

from eubelong.core import l10n

from .models import Role

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
}
STATUSES = {
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "approved": _("Approved"),
    "changes_requested": _("Changes requested"),
    "accepted": _("Accepted"),
    "withdrawn": _("Withdrawn"),
}
ROLES = dict(Role.choices)


def event_label(code: str) -> str:
    """`workplan.approved` -> "Workplan: approved"; a bare `create` -> "Created"."""
    subject, _sep, what = (code or "").partition(".")
    if not what:
        subject, what = "", subject
    done = DONE.get(what)
    if done is None:
        return str(_("Other event"))
    if subject not in SUBJECTS:
        return str(done).capitalize()
    return str(_("%(subject)s: %(done)s") % {"subject": SUBJECTS[subject], "done": done})


def _value(field: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if field in {"role", "roles"}:
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(ROLES.get(v, v)) for v in values)
    if field == "status":
        return str(STATUSES.get(value, value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return l10n.number(value)
    if isinstance(value, list):
        return ", ".join(_value(field, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{FIELDS.get(k, k)}: {_value(k, v)}" for k, v in value.items())
    return str(value)


def changes(before, after) -> list[tuple[str, str, str]]:
    """(field label, value before, value after) for each recorded field that differs or is new."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    rows = []
    for field in [*before, *(f for f in after if f not in before)]:
        old, new = before.get(field), after.get(field)
        if field in before and field in after and old == new:
            continue
        label = FIELDS.get(field, field.replace("_", " ").capitalize())
        rows.append(
            (
                str(label),
                _value(field, old) if field in before else "",
                _value(field, new) if field in after else "",
            )
        )
    return rows
