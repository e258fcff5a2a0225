"""Search hits for the organiser panel: participants and delegations by name or email."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from conference.accounts.roles import Role
from conference.core.panel import SearchHit
from conference.extensions import db
from conference.registration.models import AccreditationStatus, Delegation, DelegationType, Participant

OFFICERS = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER})


def search(query: str, limit: int) -> list[SearchHit]:
    text = query.strip()
    if len(text) < 2:
        return []
    like = f"%{text}%"
    hits: list[SearchHit] = []
    for d in db.session.scalars(
        select(Delegation).where(Delegation.name.ilike(like)).order_by(Delegation.name).limit(limit)
    ):
        hits.append(
            SearchHit(
                "delegation",
                d.name,
                DelegationType.label_of(d.type),
                url_for("registration.delegation", delegation_id=d.id),
                roles=OFFICERS,
            )
        )
    people = db.session.scalars(
        select(Participant)
        .options(joinedload(Participant.delegation))
        .where(
            or_(
                (Participant.given_names + " " + Participant.family_name).ilike(like),
                Participant.family_name.ilike(like),
                Participant.email.ilike(like),
            )
        )
        .order_by(Participant.family_name)
        .limit(limit)
    )
    for p in people:
        hits.append(
            SearchHit(
                "participant",
                p.full_name,
                f"{p.delegation.name if p.delegation else '—'} · {AccreditationStatus.label_of(p.status)}",
                url_for("registration.participant", participant_id=p.id),
                roles=OFFICERS,
            )
        )
    return hits[:limit]
