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
