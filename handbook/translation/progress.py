"""How far the translation of shared content has got, per kind of content and language."""

from ..models import ContentTranslation
from .kinds import kinds_in_order
from .lookup import source_hash


def completeness(languages: list[str]) -> list[dict]:
    """One row per kind: its number of texts and, per language, the share translated from the
    current English text, and how many are out of date or missing. One query per kind."""
    rows = []
    for kind in kinds_in_order():
        texts = []
        for obj in kind.objects():
            for name in kind.fields:
                source = (getattr(obj, name) or "").strip()
                if source:
                    texts.append((obj.pk, name, source_hash(source)))
        stored = {
            (object_id, name, language): digest
            for object_id, name, language, digest in ContentTranslation.objects.filter(
                content_type__app_label=kind.model_class._meta.app_label,
                content_type__model=kind.model_class._meta.model_name,
                language__in=languages,
            )
            .exclude(text="")
            .values_list("object_id", "field", "language", "source_hash")
        }
        cells = []
        for language in languages:
            current = outdated = 0
            for pk, name, digest in texts:
                found = stored.get((pk, name, language))
                if found == digest:
                    current += 1
                elif found is not None:
                    outdated += 1
            total = len(texts)
            cells.append(
                {
                    "language": language,
                    "share": round(100 * current / total) if total else None,
                    "complete": current == total,
                    "outdated": outdated,
                    "missing": total - current - outdated,
                }
            )
        rows.append({"kind": kind, "total": len(texts), "cells": cells})
    return rows
