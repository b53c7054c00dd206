"""CSV and XLSX import (validated in full before anything is written) and export of a region's
stakeholder registry. One row per contact person; an organisation without contacts takes one row."""

import csv
import io
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import audit_record
from ..models import ContactPerson, GovernanceLevel, Region, Sector, Stakeholder

COLUMNS = [
    "name",
    "sector",
    "level",
    "website",
    "notes",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_role",
    "consent",
    "consent_date",
    "consent_purpose",
]
MAX_ROWS = 5000
# Blank rows between data rows are skipped, but only this many rows are ever looked at.
MAX_SCANNED_ROWS = 2 * MAX_ROWS
MAX_COLUMNS = 40
MAX_CELLS = (MAX_SCANNED_ROWS + 1) * MAX_COLUMNS
MAX_BYTES = 5 * 1024 * 1024
MAX_XLSX_UNPACKED = 40 * 1024 * 1024
MAX_XLSX_MEMBERS = 200
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class ParsedRow:
    line: int
    values: dict
    errors: list[str] = field(default_factory=list)


def neutralise(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _un_neutralise(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def _choice(value: str, choices) -> str | None:
    wanted = value.strip().lower()
    for code, label in choices:
        if wanted in (code.lower(), str(label).lower()):
            return code
    return None


def read_rows(upload) -> list[dict]:
    """Rows of an uploaded .csv or .xlsx file as dicts keyed by COLUMNS.

    Rows are streamed and reading stops at the row limit, so a file that is refused costs little
    whatever it declares or holds."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(upload)
    elif name.endswith(".csv"):
        table = _read_csv(upload)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    first = next(table, None)
    if first is None:
        raise ImportFileError(_("The file is empty."))
    header = [str(h or "").strip().lower() for h in first]
    if "name" not in header:
        raise ImportFileError(_("The first row must name the columns, including “name”."))
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise ImportFileError(_("Unknown columns: %(cols)s") % {"cols": ", ".join(unknown)})
    too_many = ImportFileError(_("A file may hold at most %(n)s rows.") % {"n": MAX_ROWS})
    rows = []
    for scanned, cells in enumerate(table, start=1):
        if scanned > MAX_SCANNED_ROWS:
            raise too_many
        values = {
            col: _un_neutralise(_cell(cells[i]) if i < len(cells) else "")
            for i, col in enumerate(header)
            if col
        }
        if any(values.values()):
            rows.append({col: values.get(col, "") for col in COLUMNS})
        if len(rows) > MAX_ROWS:
            raise too_many
    if not rows:
        raise ImportFileError(_("The file has no data rows."))
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value).strip()


def _read_csv(upload) -> Iterator[list]:
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("Save the CSV file as UTF-8 and upload it again.")) from error
    # Spreadsheet programs in several locales write ";" or tabs; the header line tells which.
    header = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=header.count)
    try:
        yield from csv.reader(io.StringIO(text), delimiter=delimiter)
    except csv.Error as error:
        raise ImportFileError(_("The CSV file could not be read.")) from error


def _xlsx_precheck(upload) -> None:
    """Refuse, before any XML is parsed, a workbook that would unpack into too much."""
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFileError(_("The spreadsheet could not be read.")) from error
    finally:
        upload.seek(0)
    if len(members) > MAX_XLSX_MEMBERS or sum(m.file_size for m in members) > MAX_XLSX_UNPACKED:
        raise ImportFileError(
            _("The spreadsheet unpacks to more than %(mb)s MB. Save only the registry sheet.")
            % {"mb": MAX_XLSX_UNPACKED // (1024 * 1024)}
        )


def _read_xlsx(upload) -> Iterator[list]:
    from openpyxl import load_workbook

    _xlsx_precheck(upload)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        # The sheet's own declaration of its size, read without parsing its cells.
        declared = (sheet.max_row or 0) * min(sheet.max_column or 0, MAX_COLUMNS)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("The spreadsheet could not be read.")) from error
    if (sheet.max_row or 0) > MAX_SCANNED_ROWS + 1 or declared > MAX_CELLS:
        book.close()
        raise ImportFileError(_("A file may hold at most %(n)s rows.") % {"n": MAX_ROWS})
    try:
        # Bounded on both axes: rows stop past the scan limit, cells past the last known column.
        for row in sheet.iter_rows(
            max_row=MAX_SCANNED_ROWS + 2, max_col=MAX_COLUMNS, values_only=True
        ):
            yield list(row)
    except ImportFileError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged sheet
        raise ImportFileError(_("The spreadsheet could not be read.")) from error
    finally:
        book.close()


def validate_rows(region: Region, rows: list[dict]) -> list[ParsedRow]:
    """Check every row; an organisation repeated over rows must agree on its own fields."""
    existing = {
        n.lower() for n in Stakeholder.objects.for_region(region).values_list("name", flat=True)
    }
    seen: dict[str, tuple] = {}
    url = URLValidator()
    parsed = []
    for index, raw in enumerate(rows, start=2):
        row = ParsedRow(line=index, values=dict(raw))
        values = row.values
        name = values["name"].strip()
        values["name"] = name
        if not name:
            row.errors.append(_("The organisation name is missing."))
        elif len(name) > 300:
            row.errors.append(_("The organisation name is longer than 300 characters."))
        elif name.lower() in existing:
            row.errors.append(_("“%(name)s” is already in the registry.") % {"name": name})
        sector = _choice(values["sector"], Sector.choices)
        if sector is None:
            row.errors.append(_("Unknown sector “%(v)s”.") % {"v": values["sector"]})
        level = _choice(values["level"], GovernanceLevel.choices)
        if level is None:
            row.errors.append(_("Unknown governance level “%(v)s”.") % {"v": values["level"]})
        values["sector"], values["level"] = sector or values["sector"], level or values["level"]
        if values["website"]:
            try:
                url(values["website"])
            except ValidationError:
                row.errors.append(_("The website is not a valid address."))
        key = name.lower()
        own = (values["sector"], values["level"], values["website"], values["notes"])
        if key and key in seen and seen[key] != own:
            row.errors.append(
                _("Rows for “%(name)s” disagree on sector, level, website or notes.")
                % {"name": name}
            )
        seen.setdefault(key, own)
        _validate_contact(row)
        parsed.append(row)
    return parsed


def _validate_contact(row: ParsedRow) -> None:
    values = row.values
    contact_fields = [c for c in COLUMNS if c.startswith("contact_") or c.startswith("consent")]
    if not any(values[c] for c in contact_fields):
        return
    if not values["contact_name"]:
        row.errors.append(_("Contact details are given without a contact name."))
    if values["contact_email"]:
        try:
            validate_email(values["contact_email"])
        except ValidationError:
            row.errors.append(
                _("“%(v)s” is not a valid email address.") % {"v": values["contact_email"]}
            )
    consent = values["consent"].strip().lower()
    if consent not in YES | NO:
        row.errors.append(_("Consent must be yes or no."))
    values["consent"] = "yes" if consent in YES else "no"
    if values["consent_date"]:
        try:
            date.fromisoformat(values["consent_date"])
        except ValueError:
            row.errors.append(_("The consent date must be written as YYYY-MM-DD."))
    if values["consent"] == "yes" and not (values["consent_date"] and values["consent_purpose"]):
        row.errors.append(_("Consent needs the date it was given and the purpose it covers."))
    for column, limit in (("contact_name", 200), ("contact_phone", 50), ("contact_role", 200)):
        if len(values[column]) > limit:
            row.errors.append(_("%(col)s is too long.") % {"col": column})


@transaction.atomic
def stakeholders_import(*, region: Region, rows: list[dict], by, request=None) -> int:
    """Write all rows or none: validation runs again inside the transaction.

    The import is one audit entry, not one per row; the organisations it created carry the
    entry's uuid (`import_batch`), so the entry links to exactly them."""
    parsed = validate_rows(region, rows)
    if any(r.errors for r in parsed):
        raise ValidationError(_("The file has rows with errors; nothing was imported."))
    batch = uuid.uuid4()
    organisations: dict[str, Stakeholder] = {}
    contacts: list[tuple[str, dict]] = []
    for row in parsed:
        v = row.values
        key = v["name"].lower()
        if key not in organisations:
            organisations[key] = Stakeholder(
                region=region,
                import_batch=batch,
                **{f: v[f] for f in ("name", "sector", "level", "website", "notes")},
            )
        if v["contact_name"]:
            contacts.append((key, v))
    audit_record(
        action="stakeholder.import",
        actor=by,
        region=region,
        target_type="stakeholder",
        target_label=region.name,
        after={"organisations": len(organisations), "contacts": len(contacts)},
        request=request,
        uuid=batch,
    )
    Stakeholder.objects.bulk_create(organisations.values())
    ContactPerson.objects.bulk_create(
        ContactPerson(
            region=region,
            stakeholder=organisations[key],
            name=v["contact_name"],
            email=v["contact_email"],
            phone=v["contact_phone"],
            role=v["contact_role"],
            consent=v["consent"] == "yes",
            consent_date=date.fromisoformat(v["consent_date"]) if v["consent_date"] else None,
            consent_purpose=v["consent_purpose"],
        )
        for key, v in contacts
    )
    return len(organisations)


def export_rows(region: Region):
    """Header and rows of the registry, one row per contact person."""
    yield COLUMNS
    stakeholders = (
        Stakeholder.objects.for_region(region).prefetch_related("contacts").order_by("name")
    )
    for s in stakeholders:
        base = [s.name, s.get_sector_display(), s.get_level_display(), s.website, s.notes]
        contacts = list(s.contacts.all())
        if not contacts:
            yield [*base, "", "", "", "", "", "", ""]
        for c in contacts:
            yield [
                *base,
                c.name,
                c.email,
                c.phone,
                c.role,
                "yes" if c.consent else "no",
                c.consent_date.isoformat() if c.consent_date else "",
                c.consent_purpose,
            ]


def export_csv(region: Region) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in export_rows(region):
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(region: Region) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="Stakeholders")
    for row in export_rows(region):
        sheet.append([neutralise(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
