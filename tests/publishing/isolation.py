"""How the tenant isolation harness treats publishing's URL patterns."""

URL_CLASSES = {
    "publishing:region": "region",
    "publishing:publish": "region",
    "publishing:published": "region",
    "publishing:withdraw": "region",
}

ARG_FACTORIES = {}
