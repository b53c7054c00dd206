"""Production-like settings for the benchmark: the product's settings with DEBUG off, plain HTTP on
loopback, and a URLconf that adds one trivial view (the ceiling of the stack)."""

import os
import tempfile

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# 20 simulated people searching in a closed loop would otherwise meet the per-person search limit.
os.environ.setdefault("RATELIMIT_SEARCH", "100000/m")
os.environ.setdefault("STATIC_ROOT", os.path.join(tempfile.gettempdir(), "eubelong-bench-static"))
os.environ.setdefault("MEDIA_ROOT", os.path.join(tempfile.gettempdir(), "eubelong-bench-media"))

from eubelong.settings import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
# The load generator speaks plain HTTP on loopback; no TLS terminator in front.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
# Hashed static names without the compression step, which only slows the bench's collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "eubelong.core.staticfiles.UncompressedManifestStorage"},
}
