"""Downloadable tables for the organiser panel. Sensitive columns only for accreditation officers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from conference.accounts.roles import Role
from conference.core.panel import Export, ExportTable
from conference.extensions import db
from conference.registration.models import Delegation, DelegationType, Participant
from conference.registration.schemas import IMPORT_COLUMNS, SENSITIVE

ORGANISERS = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER})


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
        yield row


def participants(sensitive: bool) -> ExportTable:
    headers = PARTICIPANT_HEADERS + (SENSITIVE_HEADERS if sensitive else [])
    return ExportTable(headers=headers, rows=_participant_rows(sensitive))


def delegations(_sensitive: bool) -> ExportTable:
    rows = (
        [
            d.id,
            d.name,
            DelegationType.label_of(d.type),
            d.country_iso3,
            d.organisation_code,
            d.address,
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
        sensitive_roles=frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER}),
    ),
    "delegations": Export("Delegations", delegations, roles=ORGANISERS),
}
