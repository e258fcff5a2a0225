"""Badge tables the organiser panel offers for download (collected by the admin panel by name)."""

from __future__ import annotations

from sqlalchemy import select

from conference.accounts.models import User
from conference.accounts.roles import Role
from conference.badges.models import Badge, PrintBatch
from conference.core.panel import Export, ExportTable
from conference.core.timeutil import to_venue
from conference.extensions import db
from conference.registration.models import Delegation, Participant

OFFICERS = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER})


def _when(value) -> str:
    return to_venue(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _badges(sensitive: bool) -> ExportTable:
    rows = db.session.execute(
        select(Badge, Participant, Delegation.name)
        .join(Participant, Participant.id == Badge.participant_id)
        .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        .order_by(Delegation.name, Participant.family_name, Participant.given_names)
    )
    return ExportTable(
        headers=[
            "badge", "serial", "status", "name on badge", "delegation", "category",
            "printed", "collected", "needs reprint", "revoked", "revoke reason",
        ],
        rows=(
            (
                b.number, b.serial, b.status, p.display_name, delegation or "", p.category_code,
                _when(b.printed_at), _when(b.collected_at), "yes" if b.needs_reprint else "",
                _when(b.revoked_at), b.revoke_reason or "",
            )
            for b, p, delegation in rows
        ),
    )  # fmt: skip


def _batches(sensitive: bool) -> ExportTable:
    rows = db.session.execute(
        select(PrintBatch, User.email).outerjoin(User, User.id == PrintBatch.created_by_id).order_by(PrintBatch.id)
    )
    return ExportTable(
        headers=["batch", "created", "by", "selection", "value", "layout", "badges", "status", "finished"],
        rows=(
            (
                b.id, _when(b.created_at), email or "", b.selection, b.selection_value, b.layout,
                b.total, b.status, _when(b.finished_at),
            )
            for b, email in rows
        ),
    )  # fmt: skip


EXPORTS: dict[str, Export] = {
    "badges": Export("Badges (status, printing, collection)", _badges, OFFICERS),
    "badge_batches": Export("Badge print batches", _batches, OFFICERS),
}
