"""Roles in words: what each one may do, and, where something is refused for want of a role,
which role it needs and who in the region holds it."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .access import VIEW
from .models import ROLE_PERMISSIONS, Role
from .selectors import role_holders

ROLE_SUMMARIES = {
    Role.CONTRIBUTOR: _(
        "Reads the region's workplans and reports, comments on checklist items and actions, and "
        "proposes text for checklist answers while a workplan is a draft."
    ),
    Role.EDITOR: _(
        "Everything a contributor does, and fills in the workplans, the self-assessment and the "
        "capacity-building records; accepts or dismisses proposals."
    ),
    Role.ADMIN: _(
        "Everything an editor does, and submits workplans for review, changes the region's "
        "profile, and manages its members and stakeholder registry."
    ),
}

ROLE_PLURALS = {
    Role.CONTRIBUTOR: _("Contributors"),
    Role.EDITOR: _("Editors"),
    Role.ADMIN: _("Regional admins"),
}

# What a refusal says, per missing permission; anything else gets the 403 page's general text.
NEEDS = {
    "edit_workplan": _("Only the region's editors and regional admins can change this."),
    "submit_workplan": _("Only the region's regional admins can submit a workplan for review."),
    "manage_members": _(
        "Only the region's regional admins can manage its members and stakeholders."
    ),
    "change_region": _(
        "Only the region's regional admins can change the region's profile or publish its strategy."
    ),
    "review_workplan": _("Only network coordinators review submitted workplans."),
}

# Names shown per role before the rest are counted.
SHOWN = 10


def roles_with(perm: str) -> list[Role]:
    return [role for role in Role if perm in ROLE_PERMISSIONS[role]]


def role_summaries() -> list[tuple[str, str]]:
    return [(Role(role).label, ROLE_SUMMARIES[role]) for role in Role]


def role_needed(region, perm: str, perms) -> dict | None:
    """What to say to someone refused `perm` on `region`: the sentence and who holds a role
    that has it. None when they hold `perm`, and no names for anyone without a role in the
    region (`perms` are their codenames there)."""
    if perm in perms:
        return None
    roles = roles_with(perm)
    holders = []
    if VIEW in perms and roles:
        for role, names in role_holders(region, roles).items():
            if not names:
                continue
            text = ", ".join(names[:SHOWN])
            if len(names) > SHOWN:
                more = len(names) - SHOWN
                text += " " + ngettext("and %(n)s other", "and %(n)s others", more) % {"n": more}
            holders.append((ROLE_PLURALS[Role(role)], text))
    return {"perm": perm, "sentence": NEEDS.get(perm), "holders": holders}
