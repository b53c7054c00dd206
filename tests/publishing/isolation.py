"""How the tenant isolation harness treats the publishing URL patterns (see
tests/test_tenant_isolation.py). Public pages answer anyone; a region without a live
publication answers 404, like one that does not exist. The region's publishing pages are
region pages."""

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
}

ARG_FACTORIES = {
    "lang": lambda region: "en",
    # Shared by the catalogue (ttl, jsonld) and the files (csv, xlsx, json).
    "fmt": lambda region: "ttl",
    "name": lambda region: "strategies",
}
