"""How the tenant isolation harness treats the comparison pages (see tests/test_tenant_isolation.py).

The comparison pages are open to every signed-in person and show only what that person may
compare; tests/compare/test_views.py proves what they leave out."""

URL_CLASSES = {
    "compare:dashboard": "signed-in",
    "compare:drilldown": "signed-in",
    "compare:evidence": "signed-in",
    "compare:side-by-side": "signed-in",
    "compare:download": "signed-in",
    "compare:progress": "signed-in",
    "compare:progress-download": "signed-in",
    "compare:index": "signed-in",
    "compare:questionnaire": "coordinator",
    "compare:assessment": "region",
    "compare:sharing": "region",
}

ARG_FACTORIES = {}
