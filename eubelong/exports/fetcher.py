"""The only way a PDF render reaches anything outside its own HTML.

Print CSS, fonts and images are served from the static files of the platform; `data:` URLs are
decoded in memory. Every other URL (`file:`, `http(s):` to anywhere else, `ftp:`, ...) stops the
render: nothing is fetched, no redirect is ever followed.
"""

from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# A host that can never resolve (RFC 2606), used as the base URL of every rendered document.
ASSET_ORIGIN = "https://assets.eubelong.invalid"
ALLOWED_PREFIXES = ("print/", "fonts/", "img/")
MEDIA_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}


class RefusedURL(FatalURLFetchingError):
    """A document referenced something outside the platform's static files."""


def asset_url(path: str) -> str:
    return f"{ASSET_ORIGIN}/{path.lstrip('/')}"


def _static_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != ASSET_ORIGIN.removeprefix("https://"):
        return None
    if parts.query or parts.username or parts.password or parts.port:
        return None
    relative = unquote(parts.path).lstrip("/")
    pure = PurePosixPath(relative)
    if "\\" in relative or "\x00" in relative or any(p in ("..", ".") for p in pure.parts):
        return None
    if not relative.startswith(ALLOWED_PREFIXES) or pure.suffix not in MEDIA_TYPES:
        return None
    return relative


# Every render asks for the same stylesheet and fonts: read each once per process, as the
# assets' fingerprint in the content hash already assumes they do not change while it runs.
@lru_cache(maxsize=64)
def _read_static(relative: str) -> bytes | None:
    found = finders.find(relative)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    if staticfiles_storage.exists(relative):
        with staticfiles_storage.open(relative) as handle:
            return handle.read()
    return None


class StaticOnlyURLFetcher(URLFetcher):
    def __init__(self):
        # The parent's opener is kept only for decoding data: URLs.
        super().__init__(allowed_protocols=["data"], allow_redirects=False, fail_on_errors=True)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        relative = _static_path(url)
        if relative is not None:
            body = _read_static(relative)
            if body is not None:
                media_type = MEDIA_TYPES[PurePosixPath(relative).suffix]
                return URLFetcherResponse(url, body, {"Content-Type": media_type})
        self.refused.append(url[:200])
        raise RefusedURL(f"refused to fetch {url[:200]!r}")

    def open(self, url, data=None, timeout=None):
        # Redirect handlers call open() again; refuse to take part in any of that.
        target = url.full_url if hasattr(url, "full_url") else url
        return self.fetch(target)
