"""Uploaded files: an allow-list checked by extension and by the file's own first bytes."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
}
ACCEPT = ",".join(CONTENT_TYPES)
# Office Open XML packages are zip files whose main part sits in a known folder.
OOXML_PARTS = {".docx": "word/", ".pptx": "ppt/", ".xlsx": "xl/"}


def _head(upload, n: int) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _zip_matches(upload, suffix: str) -> bool:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if suffix == ".odt":
                return (
                    "mimetype" in names
                    and archive.read("mimetype").strip() == CONTENT_TYPES[".odt"].encode()
                )
            prefix = OOXML_PARTS[suffix]
            return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        upload.seek(0)


def content_matches(upload, suffix: str) -> bool:
    head = _head(upload, 8)
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if suffix == ".png":
        return head == b"\x89PNG\r\n\x1a\n"
    if suffix in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if suffix in OOXML_PARTS or suffix == ".odt":
        return head.startswith(b"PK\x03\x04") and _zip_matches(upload, suffix)
    return False


def validate_upload(upload) -> None:
    """Raise ValidationError unless the file is small enough and really is an allowed type."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in CONTENT_TYPES:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed: %(types)s.")
            % {"types": ", ".join(sorted({s.lstrip(".") for s in CONTENT_TYPES}))}
        )
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    if not content_matches(upload, suffix):
        raise ValidationError(_("The file's content does not match its extension."))


def safe_filename(name: str, fallback: str = "download") -> str:
    """A plain file name for Content-Disposition: no path, no control or quote characters."""
    path = PurePath((name or "").replace("\\", "/"))
    suffix = path.suffix.lower() if path.suffix.lower() in CONTENT_TYPES else ""
    try:
        stem = get_valid_filename(path.stem)[:80]
    except SuspiciousFileOperation:
        stem = fallback
    return f"{stem}{suffix}"


def file_response(obj) -> FileResponse:
    """Send a stored file as an attachment with a safe name and a type from the allow-list."""
    if not obj.file:
        raise Http404("No file")
    suffix = PurePath(obj.file.name).suffix.lower()
    try:
        handle = obj.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("No file") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_filename(obj.original_name or obj.file.name),
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response
