"""How the tenant isolation harness treats the publishing URL patterns."""

from tests import factories

URL_CLASSES = {
    # The API: published data for anyone.
    "api:schema": "public",
    "api:strategies": "public",
    "api:strategy": "public",
    "api:actions": "public",
    "api:indicators": "public",
    "api:budgets": "public",
    # Personal tokens only: a session (what this walk signs in with) gets 401 whoever holds it.
    # tests/publishing/test_api.py walks these with the tokens of members, outsiders and
    # coordinators: 404 for a region one holds no role in.
    "api:regions": "public",
    "api:workplans": "public",
    "api:workplan": "public",
    "api:reports": "public",
    # A person's own tokens.
    "api:tokens": "signed-in",
    "api:token-new": "signed-in",
    "api:token-revoke": "signed-in",
}


def _token(region):
    from toolkit.publishing.api.services import token_create

    row, _token = token_create(user=factories.UserFactory(), name=f"Token of {region.slug}")
    return row.uuid


ARG_FACTORIES = {
    "start_year": lambda region: 2025,
    "token": _token,
}
