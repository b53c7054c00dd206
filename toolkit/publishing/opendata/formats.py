"""A built dataset written as CSV, XLSX or JSON bytes: machine formats whatever the reader's
language (a dot as decimal sign, no thousands separator, dates as YYYY-MM-DD)."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

from toolkit.compare.downloads import neutralise

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _plain(value) -> str:
    """A cell as CSV text: decimals written out in full with a dot."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def to_csv(built: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(built["columns"])
    for row in built["rows"]:
        writer.writerow([_plain(row[c]) for c in built["columns"]])
    return buffer.getvalue().encode("utf-8")


def _cell(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return neutralise(value)
    return value


def to_xlsx(built: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = built["dataset"].name[:31]
    sheet.append(built["columns"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in built["rows"]:
        sheet.append([_cell(row[c]) for c in built["columns"]])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def licence_json(licence) -> dict | None:
    if not licence:
        return None
    return {"id": str(licence["code"]), "name": licence["label"], "url": licence["url"]}


def to_json(built: dict, dictionary: list[dict]) -> bytes:
    modified = built["modified"]
    payload = {
        "dataset": built["dataset"].name,
        "title": str(built["dataset"].title),
        "licence": licence_json(built["licence"]),
        "modified": modified.isoformat(timespec="seconds") if modified else None,
        "columns": [
            {k: c[k] for k in ("name", "english_name", "type", "unit")} for c in dictionary
        ],
        "rows": [{c: _json_value(row[c]) for c in built["columns"]} for row in built["rows"]],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def render(built: dict, fmt: str, dictionary: list[dict]) -> bytes:
    if fmt == "csv":
        return to_csv(built)
    if fmt == "xlsx":
        return to_xlsx(built)
    return to_json(built, dictionary)
