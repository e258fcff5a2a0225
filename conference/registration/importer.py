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
from conference.registration.models import Participant
from conference.registration.records import InvalidData, clean_record, find_clash, flush_guarded
from conference.registration.services import delegation_for

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Column header → record field. The template uses the left-hand names.
COLUMNS = {
    "given_names": "given_names",
    "family_name": "family_name",
    "badge_name": "badge_name",
    "title": "title",
    "category": "category_code",
    "nationality": "nationality_iso3",
    "passport_number": "passport_number",
    "passport_expiry": "passport_expiry",
    "date_of_birth": "date_of_birth",
    "email": "email",
    "phone": "phone",
    "arrival_date": "arrival_date",
    "departure_date": "departure_date",
    "accessibility_needs": "accessibility_needs",
}
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
    """Nothing was saved; ``problems`` lists each bad row and field."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(
            "import_failed",
            f"Nothing was imported: {len(problems)} problem(s) to fix in the file.",
            problems=[str(p) for p in problems],
        )
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


def parse(filename: str, data: bytes) -> tuple[list[dict[str, Any]], list[RowProblem]]:
    """Every row as cleaned record values, and every problem found (checked against the database too)."""
    rows = read_rows(filename, data)
    while rows and all(_cell(v) == "" for v in rows[-1]):
        rows.pop()
    if not rows:
        return [], [RowProblem(1, "", "The file is empty.")]
    header = [str(_cell(h)).lower().replace(" ", "_") for h in rows[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    missing = [h for h in ("given_names", "family_name", "category") if h not in header]
    problems: list[RowProblem] = []
    if missing or unknown:
        if missing:
            problems.append(RowProblem(1, "", f"Missing column(s): {', '.join(missing)}. Use the template."))
        if unknown:
            problems.append(RowProblem(1, "", f"Unknown column(s): {', '.join(unknown)}. Use the template."))
        return [], problems
    body = rows[1:]
    if len(body) > MAX_ROWS:
        return [], [RowProblem(1, "", f"At most {MAX_ROWS} people per file.")]
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(body, start=2):
        values = {COLUMNS[h]: _cell(v) for h, v in zip(header, row, strict=False) if h}
        if all(v == "" for v in values.values()):
            continue
        formula = [f for f, v in values.items() if isinstance(v, str) and v.startswith("=")]
        for f in formula:
            problems.append(RowProblem(offset, LABELS.get(f, f), "formulas are not accepted; type the value itself."))
        if formula:
            continue
        try:
            record = clean_record(values)
        except InvalidData as exc:
            problems.extend(RowProblem(offset, LABELS.get(f, f), msg) for f, msg in exc.errors.items())
            continue
        for key in ("email", "passport_number"):
            value = record.get(key)
            if value and value in seen:
                problems.append(RowProblem(offset, LABELS[key], f"the same as row {seen[value]}."))
            elif value:
                seen[value] = offset
        clash = find_clash(email=record.get("email"), passport_number=record.get("passport_number"))
        if clash is not None:
            what = "email" if record.get("email") and clash.email == record.get("email") else "passport_number"
            problems.append(
                RowProblem(offset, what, f"already registered for an active participant (record #{clash.id}).")
            )
        records.append(record)
    if not records and not problems:
        problems.append(RowProblem(2, "", "The file has a header but no people."))
    return records, problems


def import_members(actor_id: int, delegation_id: int, filename: str, data: bytes) -> list[Participant]:
    """Add every row of the file as a draft member, or none (ImportFailed lists each problem)."""
    delegation = delegation_for(actor_id, delegation_id, lock=True)
    records, problems = parse(filename, data)
    if problems:
        raise ImportFailed(problems)
    created = []
    for record in records:
        participant = Participant(delegation_id=delegation.id, status="draft", **record)
        db.session.add(participant)
        created.append(participant)
    flush_guarded(created[0])
    audit.record(
        "delegation.import",
        "delegation",
        delegation.id,
        after={"filename": filename[:200], "participants": [p.id for p in created]},
    )
    db.session.commit()
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
