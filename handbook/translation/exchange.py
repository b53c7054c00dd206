"""Translations of shared content exchanged as gettext PO files, for translators working offline.

A file holds one language: each entry is one field of one object, named in its context
(`kind|key|field`), with the English source as msgid. Entries out of date are exported as fuzzy.
An import is all or nothing: a file with any broken entry changes nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import polib
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ContentTranslation, TranslationStatus
from .checks import problems
from .kinds import KINDS, kinds_in_order
from .lookup import source_hash
from .services import content_translation_save

MAX_BYTES = 2 * 1024 * 1024


def po_export(language: str) -> str:
    """Every translatable field of shared content, with its translation into `language`."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "EU-Belong shared content",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
    }
    for kind in kinds_in_order():
        stored = {
            (row.object_id, row.field): row
            for row in ContentTranslation.objects.filter(
                content_type__app_label=kind.model_class._meta.app_label,
                content_type__model=kind.model_class._meta.model_name,
                language=language,
            )
        }
        for obj in kind.objects():
            for name in kind.fields:
                source = (getattr(obj, name) or "").strip()
                if not source:
                    continue
                row = stored.get((obj.pk, name))
                flags = ["markdown"] if name in kind.markdown else []
                if row and row.text and row.source_hash != source_hash(source):
                    flags.append("fuzzy")
                po.append(
                    polib.POEntry(
                        msgctxt=f"{kind.code}|{kind.key(obj)}|{name}",
                        msgid=source,
                        msgstr=row.text if row else "",
                        comment=f"{kind.label} · {name}",
                        flags=flags,
                    )
                )
    return str(po)


@dataclass
class ImportResult:
    saved: int = 0
    unchanged: int = 0
    # Sentences about entries left alone (source changed since export, marked fuzzy, empty).
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def po_import(content: bytes, *, language: str, status: str, user) -> ImportResult:
    """Store the translations of a PO file; with any error, store nothing."""
    result = ImportResult()
    try:
        po = polib.pofile(content.decode("utf-8"), wrapwidth=0)
    except (UnicodeDecodeError, OSError, ValueError):
        result.errors.append(_("This is not a PO file in UTF-8. Export a file here and use it."))
        return result
    declared = (po.metadata.get("Language") or "").split("_")[0].split("-")[0].lower()
    if declared and declared != language:
        result.errors.append(
            _("The file is for the language “%(found)s”, not the one chosen.") % {"found": declared}
        )
        return result
    values = defaultdict(dict)  # (kind code, obj) -> {field: (text, status)}
    objects = {}
    for entry in po:
        if entry.obsolete or not entry.msgstr.strip():
            continue
        where = _("Line %(line)s") % {"line": entry.linenum}
        kind_code, _sep, rest = (entry.msgctxt or "").partition("|")
        key, _sep, name = rest.rpartition("|")
        kind = KINDS.get(kind_code)
        obj = objects.get((kind_code, key)) if kind else None
        if kind and obj is None:
            obj = objects[(kind_code, key)] = kind.lookup(key)
        if kind is None or obj is None or name not in kind.fields:
            result.errors.append(
                _("%(where)s: this text is not in the platform (any more); remove the entry.")
                % {"where": where}
            )
            continue
        source = (getattr(obj, name) or "").strip()
        if entry.msgid.strip() != source:
            result.skipped.append(
                _("%(where)s: the English text changed after the export; translate it again.")
                % {"where": where}
            )
            continue
        if "fuzzy" in entry.flags:
            result.skipped.append(
                _("%(where)s: marked as needing review (fuzzy) in the file.") % {"where": where}
            )
            continue
        found = problems(source, entry.msgstr, markdown=name in kind.markdown)
        limit = obj._meta.get_field(name).max_length
        if limit and len(entry.msgstr.strip()) > limit:
            found.append(_("Keep this to at most %(n)s characters.") % {"n": limit})
        if found:
            result.errors.append(f"{where}: {' '.join(found)}")
            continue
        values[(kind_code, key)][name] = (entry.msgstr, status)
    if result.errors:
        return result
    with transaction.atomic():
        for (kind_code, key), fields in values.items():
            obj = objects[(kind_code, key)]
            current = {
                row.field: row
                for row in ContentTranslation.objects.filter(
                    content_type__app_label=obj._meta.app_label,
                    content_type__model=obj._meta.model_name,
                    object_id=obj.pk,
                    language=language,
                )
            }
            changed = {
                name: value
                for name, value in fields.items()
                if not _same(current.get(name), value, getattr(obj, name))
            }
            result.unchanged += len(fields) - len(changed)
            if changed:
                result.saved += content_translation_save(
                    obj=obj, language=language, values=changed, user=user
                )
    return result


def _same(row, value, source) -> bool:
    text, status = value
    return (
        row is not None
        and row.text == text.strip()
        and row.status == status
        and row.source_hash == source_hash(source or "")
    )


IMPORT_STATUSES = [TranslationStatus.TRANSLATED, TranslationStatus.REVIEWED]
