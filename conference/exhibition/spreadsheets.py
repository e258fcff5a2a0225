"""CSV and XLSX files of tables, with cells that a spreadsheet would run as formulas neutralised."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "+84 24 3825 1234" starts like a formula but cannot carry one: no letters, no function, no link.
PHONE_NUMBER = re.compile(r"^\+[\d\s().-]+$")


def safe_cell(value: Any) -> Any:
    """A text cell starting like a formula (``=HYPERLINK(…)`` typed as a name) is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PHONE_NUMBER.match(value):
        return "'" + value
    return value


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
