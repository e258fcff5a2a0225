"""The one place that writes CSV and XLSX files and reads uploaded ones.

Whatever a registrant typed must never run as a formula in the organisers' spreadsheet
(OWASP "CSV injection"). One rule serves both formats: text a spreadsheet would treat as a formula
gets a leading apostrophe, except plain numbers and phone numbers, which can call no function nor
reach any cell. In XLSX every text is also stored as a text cell, so nothing can become a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Response
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_PHONE = re.compile(r"\+[\d ().-]+")
_PHONE_MIN_DIGITS = 6
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class UnreadableFile(ValueError):
    """An upload that is not a spreadsheet we can read; the message is for the user."""


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a bold header row (none when ``headers`` is empty), then the rows."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def is_plain_number_or_phone(text: str) -> bool:
    """``-12.5`` or ``+84 24 1234 5678`` start like formulas but carry no function nor reference."""
    if _NUMBER.fullmatch(text):
        return True
    return bool(_PHONE.fullmatch(text)) and sum(ch.isdigit() for ch in text) >= _PHONE_MIN_DIGITS


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not is_plain_number_or_phone(value):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    """A value as a spreadsheet cell holds it: numbers stay numbers, times as ISO text, lists joined."""
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


def _safe(row: Sequence[Any]) -> list[Any]:
    return [neutralise(_plain(v)) for v in row]


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM, which makes Excel read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_safe(headers))
    writer.writerows(_safe(row) for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return workbook(Sheet(title, headers, rows))


def workbook(*sheets: Sheet) -> bytes:
    """An XLSX file with one worksheet per ``Sheet``."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = book.create_sheet(title=_sheet_title(sheet.title))
        if sheet.headers:
            worksheet.append(_cells(worksheet, _safe(sheet.headers), bold=True))
        for row in sheet.rows:
            worksheet.append(_cells(worksheet, _safe(row)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cells(worksheet, row: Sequence[Any], *, bold: bool = False) -> list[Any]:
    """Text goes in as text cells: openpyxl would otherwise store a str starting with ``=`` as a formula."""
    cells = []
    for value in row:
        if not isinstance(value, str):
            cells.append(value)
            continue
        cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = TYPE_STRING
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _sheet_title(title: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "Export"


def download(
    fmt: str,
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    cache_control: str = "no-store",
) -> Response:
    """The table as an attachment named ``filename`` (which ends in ``.csv`` or ``.xlsx``)."""
    body = to_csv(headers, rows) if fmt == "csv" else to_xlsx(title, headers, rows)
    return attachment(fmt, filename, body, cache_control=cache_control)


def attachment(fmt: str, filename: str, body: bytes, *, cache_control: str = "no-store") -> Response:
    """A CSV or XLSX file made by this module, sent as a download."""
    response = Response(body, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = cache_control
    return response


def read_rows(filename: str, data: bytes) -> list[list[Any]]:
    """The first worksheet of an XLSX file, or a CSV file (``,`` ``;`` or tab separated), as rows.

    Formulas are never evaluated: an XLSX formula comes back as its text (starting with ``=``), so
    the importer can refuse it. Raises UnreadableFile.
    """
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        return _xlsx_rows(data)
    return _csv_rows(data)


def _csv_rows(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UnreadableFile("The file is not a readable XLSX workbook.") from exc
    try:
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
