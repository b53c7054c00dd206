"""HTML from our own templates, then a tagged PDF/UA-1 from that HTML."""

import hashlib
from functools import cache
from pathlib import Path

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .fetcher import ASSET_ORIGIN, StaticOnlyURLFetcher, asset_url
from .registry import ExportKind

PDF_VARIANT = "pdf/ua-1"
PRINT_ASSETS = ("static/print", "static/fonts")


def render_html(
    kind: ExportKind, *, region, object_id: str, user, language: str
) -> tuple[str, str]:
    """The document's HTML and its title, in `language`."""
    with translation.override(language):
        context = kind.build_context(region, object_id, user)
        context.setdefault("region", region)
        context.update(
            {
                "kind": kind,
                "language": language,
                "stylesheet": asset_url("print/export.css"),
                "snapshot": context.get("snapshot") or timezone.now(),
            }
        )
        html = render_to_string(kind.template, context)
        title = str(context["title"])
        if region is not None:
            title = f"{title} · {region.name}"
    return html, title


@cache
def _assets_fingerprint() -> str:
    digest = hashlib.sha256()
    for folder in PRINT_ASSETS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def content_hash(html: str) -> str:
    """Identifies the finished document: same HTML, assets and renderer give the same PDF."""
    digest = hashlib.sha256()
    for part in (weasyprint.__version__, PDF_VARIANT, _assets_fingerprint(), html):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def render_document(html: str) -> weasyprint.Document:
    """The laid-out document (its pages can be inspected before writing); rendered with the
    static-only fetcher, so a refused URL raises `fetcher.RefusedURL`."""
    fetcher = StaticOnlyURLFetcher()
    return weasyprint.HTML(string=html, base_url=f"{ASSET_ORIGIN}/", url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )


def html_to_pdf(html: str, *, on_progress=None) -> bytes:
    """Render with the static-only fetcher; a refused URL raises `fetcher.RefusedURL`."""
    document = render_document(html)
    if on_progress:
        on_progress(70)
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
