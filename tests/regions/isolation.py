"""How the tenant isolation harness treats this app's URL patterns (see tests/test_tenant_isolation.py)."""

URL_CLASSES = {
    "home": "public",
    "regions:index": "signed-in",
    "healthz": "public",
    "admin-login": "public",
    "set_language": "public",
    "accounts:login": "public",
    "accounts:logout": "public",
    "accounts:password_reset": "public",
    "accounts:password_reset_done": "public",
    "accounts:password_reset_confirm": "public",
    "accounts:password_reset_complete": "public",
    "accounts:profile": "signed-in",
    # Says only whether the asker is signed in; anonymous visitors learn nothing else.
    "accounts:session-state": "public",
    "accounts:signed-in-again": "signed-in",
    "accounts:profile-name": "signed-in",
    "accounts:password_change": "signed-in",
    "accounts:password_change_done": "signed-in",
    "regions:home": "region",
    "regions:edit": "region",
    "regions:members": "region",
    "regions:member-invite": "region",
    "regions:member-role": "region",
    "regions:member-remove": "region",
    "regions:invitation-withdraw": "region",
    "regions:invitation-resend": "region",
    "regions:stakeholders": "region",
    "regions:stakeholder-new": "region",
    "regions:stakeholder-import": "region",
    "regions:stakeholder-import-confirm": "region",
    "regions:stakeholder-export": "region",
    "regions:stakeholder": "region",
    "regions:stakeholder-edit": "region",
    "regions:stakeholder-delete": "region",
    "regions:contact-new": "region",
    "regions:contact-edit": "region",
    "regions:contact-delete": "region",
    "regions:audit": "region",
    "accounts:invitation-accept": "public",
    "accounts:two-factor": "signed-in",
    "accounts:two-factor-setup": "signed-in",
    "accounts:two-factor-verify": "signed-in",
    "accounts:two-factor-recovery": "signed-in",
    "accounts:my-data": "signed-in",
    "accounts:audit": "coordinator",
    "accounts:platform-people": "admin",
    "accounts:platform-person": "admin",
    "accounts:platform-retention": "admin",
}

# URL keyword argument -> a value pointing at an object of the victim region.
ARG_FACTORIES = {
    "region": lambda victim: victim.slug,
    "uidb64": lambda victim: "MQ",
    "token": lambda victim: "set-password",
    "member": lambda victim: _member(victim),
    "invitation": lambda victim: _invitation(victim).uuid,
    "stakeholder": lambda victim: _stakeholder(victim).uuid,
    "contact": lambda victim: _contact(victim).uuid,
    "fmt": lambda victim: "csv",
}


def _member(victim):
    from regions.models import Role
    from tests import factories

    return factories.member(victim, Role.CONTRIBUTOR).username


def _invitation(victim):
    from regions.members.services import member_invite
    from regions.models import Role

    return member_invite(region=victim, email="invitee@example.org", role=Role.EDITOR, by=None)[0]


def _stakeholder(victim):
    from regions.models import Stakeholder

    return Stakeholder.objects.get_or_create(
        region=victim, name="Victim Stakeholder", defaults={"sector": "public", "level": "local"}
    )[0]


def _contact(victim):
    from regions.models import ContactPerson

    return ContactPerson.objects.create(
        region=victim,
        stakeholder=_stakeholder(victim),
        name="Victim Contact",
        email="c@example.org",
    )
