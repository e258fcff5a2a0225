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

ORGANISERS = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER})


def safe_cell(value: Any) -> Any:
    """Spreadsheets must never run what a registrant typed: neutralise formula-like text
    (a leading + or - stays when a digit follows, so phone numbers are unchanged)."""
    if not isinstance(value, str) or not value:
        return value
    risky = value[0] in ("=", "@", "\t", "\r") or (value[0] in ("+", "-") and not value[1:2].isdigit())
    return "'" + value if risky else value


PARTICIPANT_HEADERS = [
    "id",
    "given_names",
    "family_name",
    "badge_name",
    "title",
    "delegation",
    "delegation_type",
    "category",
    "nationality",
    "email",
    "phone",
    "arrival_date",
    "departure_date",
    "accessibility_needs",
    "status",
    "submitted_at",
    "decided_at",
]
SENSITIVE_HEADERS = ["passport_number", "passport_expiry", "date_of_birth"]


def _participant_rows(sensitive: bool) -> Iterator[list[Any]]:
    query = (
        select(Participant)
        .options(joinedload(Participant.delegation), joinedload(Participant.category))
        .order_by(Participant.id)
    )
    for p in db.session.scalars(query):
        row = [
            p.id,
            p.given_names,
            p.family_name,
            p.badge_name,
            p.title,
            p.delegation.name if p.delegation else "",
            p.delegation.type if p.delegation else "",
            p.category.name if p.category else p.category_code,
            p.nationality_iso3,
            p.email,
            p.phone,
            p.arrival_date,
            p.departure_date,
            p.accessibility_needs,
            p.status,
            p.submitted_at,
            p.decided_at,
        ]
        if sensitive:
            row += [p.passport_number, p.passport_expiry, p.date_of_birth]
        yield [safe_cell(v) for v in row]


def participants(sensitive: bool) -> ExportTable:
    headers = PARTICIPANT_HEADERS + (SENSITIVE_HEADERS if sensitive else [])
    return ExportTable(headers=headers, rows=_participant_rows(sensitive))


def delegations(_sensitive: bool) -> ExportTable:
    rows = (
        [
            d.id,
            safe_cell(d.name),
            DelegationType.label_of(d.type),
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
        sensitive_roles=frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER}),
    ),
    "delegations": Export("Delegations", delegations, roles=ORGANISERS),
}
