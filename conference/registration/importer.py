"""Bulk import of members from CSV or XLSX: the whole file is checked first, then saved all-or-nothing.

Spreadsheet formulas are never evaluated: XLSX is read with ``data_only=False`` (so a formula stays
its text) and any cell starting with ``=`` is refused with a message for that row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from conference.core import audit, spreadsheets
from conference.core.errors import DomainError
from conference.extensions import db
from conference.registration.errors import RegistrationError
from conference.registration.models import Participant
from conference.registration.records import clean_record, duplicate_guarded, find_clash
from conference.registration.schemas import IMPORT_COLUMNS, REQUIRED
from conference.registration.services import delegation_for

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Column header → record field, from the record's schema. The template uses these headers.
COLUMNS = IMPORT_COLUMNS
# The report names each column as it is headed in the user's file.
LABELS = {field: header for header, field in COLUMNS.items()}
EXAMPLE = [
    "Thị Lan",
    "Nguyễn",
    "Nguyễn Thị Lan",
    "Counsellor",
    "delegate",
    "VNM",
    "C1234567",
    "2030-06-30",
    "1980-04-12",
    "lan.nguyen@example.org",
    "+84 24 1234 5678",
    "2025-10-24",
    "2025-10-27",
    "",
]


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the user sees it in their spreadsheet (header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


class ImportFailed(DomainError):
    """Nothing was saved; ``problems`` lists each bad row and field (``params["problems"]`` as text)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(RegistrationError.IMPORT_FAILED, count=len(problems), problems=[str(p) for p in problems])
        self.problems = problems


def read_rows(filename: str, data: bytes) -> list[list[Any]]:
    if not data:
        raise ImportFailed([RowProblem(1, "", "The file is empty.")])
    if len(data) > MAX_BYTES:
        raise ImportFailed([RowProblem(1, "", "The file is larger than 2 MB; split it.")])
    try:
        return spreadsheets.read_rows(filename, data)
    except spreadsheets.UnreadableFile as exc:
        raise ImportFailed([RowProblem(1, "", str(exc))]) from exc


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, dt.date) else str(value)


def _header(rows: list[list[Any]]) -> tuple[list[str], list[RowProblem]]:
    """The file's column names, and what is wrong with them (missing or unknown columns)."""
    header = [str(_cell(h)).lower().replace(" ", "_") for h in rows[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    missing = [LABELS[f] for f in REQUIRED if LABELS[f] not in header]
    problems = []
    if missing:
        problems.append(RowProblem(1, "", f"Missing column(s): {', '.join(missing)}. Use the template."))
    if unknown:
        problems.append(RowProblem(1, "", f"Unknown column(s): {', '.join(unknown)}. Use the template."))
    return header, problems


def _check_row(row: int, values: dict[str, Any]) -> tuple[dict[str, Any] | None, list[RowProblem]]:
    """One row's record, or the problems of each of its fields."""
    formulas = [f for f, v in values.items() if isinstance(v, str) and v.startswith("=")]
    if formulas:
        return None, [RowProblem(row, LABELS[f], "formulas are not accepted; type the value itself.") for f in formulas]
    try:
        return clean_record(values), []
    except DomainError as exc:
        return None, [RowProblem(row, LABELS.get(f, f), message) for f, message in exc.fields.items()]


class _Duplicates:
    """The same email or passport twice in the file, or already held by an active participant."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def problems(self, row: int, record: dict[str, Any]) -> list[RowProblem]:
        found = []
        for key in ("email", "passport_number"):
            value = record.get(key)
            if value and value in self.seen:
                found.append(RowProblem(row, LABELS[key], f"the same as row {self.seen[value]}."))
            elif value:
                self.seen[value] = row
        clash = find_clash(email=record.get("email"), passport_number=record.get("passport_number"))
        if clash is not None:
            key = "email" if record.get("email") and clash.email == record.get("email") else "passport_number"
            found.append(
                RowProblem(row, LABELS[key], f"already registered for an active participant (record #{clash.id}).")
            )
        return found


def parse(filename: str, data: bytes) -> tuple[list[dict[str, Any]], list[RowProblem]]:
    """Every row as cleaned record values, and every problem found (checked against the database too)."""
    rows = read_rows(filename, data)
    while rows and all(_cell(v) == "" for v in rows[-1]):
        rows.pop()
    if not rows:
        return [], [RowProblem(1, "", "The file is empty.")]
    header, problems = _header(rows)
    if problems:
        return [], problems
    if len(rows) - 1 > MAX_ROWS:
        return [], [RowProblem(1, "", f"At most {MAX_ROWS} people per file.")]
    records: list[dict[str, Any]] = []
    duplicates = _Duplicates()
    for number, row in enumerate(rows[1:], start=2):
        values = {COLUMNS[h]: _cell(v) for h, v in zip(header, row, strict=False) if h}
        if all(v == "" for v in values.values()):
            continue
        record, found = _check_row(number, values)
        if record is not None:
            found += duplicates.problems(number, record)
            records.append(record)
        problems += found
    if not records and not problems:
        problems.append(RowProblem(2, "", "The file has a header but no people."))
    return records, problems


def import_members(actor_id: int, delegation_id: int, filename: str, data: bytes) -> list[Participant]:
    """Add every row of the file as a draft member, or none (ImportFailed lists each problem)."""
    delegation = delegation_for(actor_id, delegation_id, lock=True)
    records, problems = parse(filename, data)
    if problems:
        raise ImportFailed(problems)
    created = [Participant(delegation_id=delegation.id, status="draft", **record) for record in records]
    with duplicate_guarded(records[0]):
        db.session.add_all(created)
    audit.record(
        "delegation.import",
        "delegation",
        delegation.id,
        after={"filename": filename[:200], "participants": [p.id for p in created]},
    )
    return created


def template_csv() -> bytes:
    return spreadsheets.to_csv(list(COLUMNS), [])


def template_xlsx(category_codes: list[str]) -> bytes:
    guide = [
        ["One person per row on the first sheet. Dates as YYYY-MM-DD. Names exactly as in the passport."],
        ["Nationality: ISO 3166 alpha-3 code (e.g. VNM, FRA). Category: one of the codes below."],
        ["Example row:"],
        EXAMPLE,
        ["Categories:"],
        *([code] for code in category_codes),
    ]
    return spreadsheets.workbook(
        spreadsheets.Sheet("Members", list(COLUMNS), []), spreadsheets.Sheet("How to fill in", [], guide)
    )
