"""Where finished PDFs live: Django's default storage (local files, or S3-compatible buckets)."""

import os
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

PREFIX = "exports"


def name_for(*, region, kind: str, digest: str) -> str:
    """A key derived from the content hash, kept apart per region."""
    scope = f"region-{region.uuid}" if region is not None else "network"
    return f"{PREFIX}/{scope}/{kind}-{digest}.pdf"


def exists(name: str) -> bool:
    return default_storage.exists(name)


def open_file(name: str):
    return default_storage.open(name, "rb")


def save_atomically(name: str, data: bytes) -> None:
    """Readers never see a half-written file: a temp file is renamed into place."""
    if isinstance(default_storage, FileSystemStorage):
        final = Path(default_storage.path(name))
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.part")
        try:
            with open(temp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, final)
        finally:
            temp.unlink(missing_ok=True)
        return
    # Object stores publish an upload whole or not at all; same name means same bytes.
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
