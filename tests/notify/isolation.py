"""How the tenant isolation harness treats the notification centre's URL patterns.

Notices belong to a person: the centre answers only its own notices (another person's notice is
404, see tests/notify/test_views.py); the unsubscribe link works without signing in, by its
signed token."""

from django.core import signing

from eubelong.notify.mailing import UNSUBSCRIBE_SALT
from eubelong.notify.models import Notice
from regions.models import Role
from tests import factories

URL_CLASSES = {
    "notify:list": "signed-in",
    "notify:read-all": "signed-in",
    "notify:settings": "signed-in",
    "notify:open": "signed-in",
    "notify:unsubscribe": "public",
}


def _notice(region):
    """A notice of a member of `region`, about `region`."""
    found = Notice.objects.for_region(region).first()
    if found is None:
        member = factories.member(region, Role.EDITOR)
        found = Notice.objects.create(
            recipient=member,
            region=region,
            kind="workplan.approved",
            params={"workplan": region.name},
            url=f"/regions/{region.slug}/",
            dedupe_key="isolation",
        )
    return found


ARG_FACTORIES = {
    "notice": lambda region: _notice(region).uuid,
    "token": lambda region: signing.dumps(
        {"u": _notice(region).recipient_id}, salt=UNSUBSCRIBE_SALT
    ),
}
