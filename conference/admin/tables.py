"""Exports as CSV and XLSX, with values a spreadsheet would run as formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING

from conference.core.panel import ExportTable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that starts like a formula gets a leading apostrophe (OWASP's CSV-injection advice);
    numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | decimal.Decimal):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(str(v) for v in value)
    return str(value)


def _rows(table: ExportTable) -> Iterable[list[Any]]:
    for row in table.rows:
        yield [neutralise(_plain(v)) for v in row]


def to_csv(table: ExportTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in table.headers])
    writer.writerows(_rows(table))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(table: ExportTable, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.append(_cells(sheet, [neutralise(h) for h in table.headers]))
    for row in _rows(table):
        sheet.append(_cells(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cells(sheet, row: Sequence[Any]) -> list[Any]:
    """Text goes in as string cells explicitly, so no cell can ever be stored as a formula."""
    cells = []
    for value in row:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet)
            cell._value = value
            cell.data_type = TYPE_STRING
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _sheet_title(title: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "Export"
