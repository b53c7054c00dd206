"""The notices the regions app sends, and the e-mail mode that suits each role."""

from django.utils.translation import gettext_lazy as _

from eubelong.notify.models import EmailMode
from eubelong.notify.registry import NoticeKind, register_default_mode, register_kind

from .models import Role
from .selectors import roles_of


def _role_label(params: dict) -> dict:
    code = params.get("role", "")
    return {"role": Role(code).label if code in Role.values else code}


INVITATION_ACCEPTED = register_kind(
    NoticeKind(
        "invitation.accepted",
        _("%(person)s accepted the invitation to %(region)s as %(role)s"),
        localise=_role_label,
    )
)
ROLE_CHANGED = register_kind(
    NoticeKind(
        "member.role_changed",
        _("Your role in %(region)s is now: %(role)s"),
        localise=_role_label,
    )
)


def _mode_for_roles(user) -> str:
    """People who write workplans hear at once; reviewers get a daily round-up; invited
    stakeholders a weekly one."""
    roles = roles_of(user)
    if roles & {Role.EDITOR, Role.ADMIN}:
        return EmailMode.IMMEDIATE
    if "coordinator" in roles:
        return EmailMode.DAILY
    return EmailMode.WEEKLY


register_default_mode(_mode_for_roles)
