"""Downloadable tables for the organiser panel. Sensitive columns only for accreditation officers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.core.panel import Export, ExportTable
from conference.extensions import db
from conference.registration.models import Delegation, Participant
from conference.registration.schemas import IMPORT_COLUMNS, SENSITIVE
from conference.registration.services import TYPE_LABELS

ORGANISERS = frozenset({"admin", "accreditation_officer", "protocol_officer"})


def safe_cell(value: Any) -> Any:
    """Spreadsheets must never run what a registrant typed: neutralise formula-like text
    (a leading + or - stays when a digit follows, so phone numbers are unchanged)."""
    if not isinstance(value, str) or not value:
        return value
    risky = value[0] in ("=", "@", "\t", "\r") or (value[0] in ("+", "-") and not value[1:2].isdigit())
    return "'" + value if risky else value


# The record's own columns are headed as in the import file (the record's schema names them).
_RECORD_COLUMNS = [(column, field) for column, field in IMPORT_COLUMNS.items() if field not in SENSITIVE]
_SENSITIVE_COLUMNS = [(column, field) for column, field in IMPORT_COLUMNS.items() if field in SENSITIVE]
PARTICIPANT_HEADERS = [
    "id",
    *(column for column, _ in _RECORD_COLUMNS),
    "delegation",
    "delegation_type",
    "status",
    "submitted_at",
    "decided_at",
]
SENSITIVE_HEADERS = [column for column, _ in _SENSITIVE_COLUMNS]


def _value(p: Participant, field: str) -> Any:
    if field == "category_code":  # people read the category's name
        return p.category.name if p.category else p.category_code
    return getattr(p, field)


def _participant_rows(sensitive: bool) -> Iterator[list[Any]]:
    query = (
        select(Participant)
        .options(joinedload(Participant.delegation), joinedload(Participant.category))
        .order_by(Participant.id)
    )
    for p in db.session.scalars(query):
        row = [
            p.id,
            *(_value(p, field) for _, field in _RECORD_COLUMNS),
            p.delegation.name if p.delegation else "",
            p.delegation.type if p.delegation else "",
            p.status,
            p.submitted_at,
            p.decided_at,
        ]
        if sensitive:
            row += [_value(p, field) for _, field in _SENSITIVE_COLUMNS]
        yield [safe_cell(v) for v in row]


def participants(sensitive: bool) -> ExportTable:
    headers = PARTICIPANT_HEADERS + (SENSITIVE_HEADERS if sensitive else [])
    return ExportTable(headers=headers, rows=_participant_rows(sensitive))


def delegations(_sensitive: bool) -> ExportTable:
    rows = (
        [
            d.id,
            safe_cell(d.name),
            TYPE_LABELS.get(d.type, d.type),
            d.country_iso3,
            d.organisation_code,
            safe_cell(d.address),
            d.status,
            len(d.participants),
            d.submitted_at,
        ]
        for d in db.session.scalars(
            select(Delegation).options(joinedload(Delegation.participants)).order_by(Delegation.name)
        ).unique()
    )
    headers = [
        "id",
        "name",
        "type",
        "country_iso3",
        "organisation_code",
        "address",
        "status",
        "participants",
        "submitted_at",
    ]
    return ExportTable(headers=headers, rows=rows)


EXPORTS: dict[str, Export] = {
    "participants": Export(
        "Participants",
        participants,
        roles=ORGANISERS,
        sensitive_roles=frozenset({"admin", "accreditation_officer"}),
    ),
    "delegations": Export("Delegations", delegations, roles=ORGANISERS),
}
