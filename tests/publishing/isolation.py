"""How the tenant isolation harness treats the publishing URL patterns (see
tests/test_tenant_isolation.py). Public pages, open data and the public API answer anyone; a
region without a live publication answers 404, like one that does not exist. The region's
publishing pages are region pages."""

from tests import factories

URL_CLASSES = {
    "publishing:region": "region",
    "publishing:publish": "region",
    "publishing:published": "region",
    "publishing:withdraw": "region",
    "public:root": "public",
    "public:network": "public",
    "public:region": "public",
    "public:handbook": "public",
    "public:area": "public",
    "public:handbook-section": "public",
    "public:framework": "public",
    "public:framework-section": "public",
    "opendata:index": "public",
    "opendata:catalogue": "public",
    "opendata:dictionary": "public",
    "opendata:distribution": "public",
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
    "lang": lambda region: "en",
    # Shared by the catalogue (ttl, jsonld) and the files (csv, xlsx, json).
    "fmt": lambda region: "ttl",
    "name": lambda region: "strategies",
    "start_year": lambda region: 2025,
    "token": _token,
}
