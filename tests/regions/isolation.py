"""How the tenant isolation harness treats this app's URL patterns (see tests/test_tenant_isolation.py)."""

URL_CLASSES = {
    "home": "public",
    "healthz": "public",
    "set_language": "public",
    "accounts:login": "public",
    "accounts:logout": "public",
    "accounts:password_reset": "public",
    "accounts:password_reset_done": "public",
    "accounts:password_reset_confirm": "public",
    "accounts:password_reset_complete": "public",
    "accounts:profile": "signed-in",
    "accounts:password_change": "signed-in",
    "accounts:password_change_done": "signed-in",
    "regions:home": "region",
    "regions:edit": "region",
}

# URL keyword argument -> a value pointing at an object of the victim region.
ARG_FACTORIES = {
    "region": lambda victim: victim.slug,
    "uidb64": lambda victim: "MQ",
    "token": lambda victim: "set-password",
}
