"""Downloadable tables for the organiser panel: sign-ups and signatories.

Each table's columns are the fields of its row schema (``schemas.SignupRow``, ``schemas.SignatoryRow``);
a field marked ``sensitive`` is left out unless the reader may see personal data.
"""

from __future__ import annotations

from sqlalchemy import select

from conference.accounts.roles import Role
from conference.agenda import signing
from conference.agenda.models import ConferenceSession, SignatoryLevel, Signup, SignupStatus
from conference.agenda.schemas import SignatoryRow, SignupRow
from conference.core.panel import Export, ExportTable, schema_table
from conference.core.timeutil import to_venue
from conference.extensions import db
from conference.registration.queries import participant_briefs

ORGANISERS = frozenset({Role.ADMIN, Role.PROTOCOL_OFFICER})


def _signups(sensitive: bool) -> ExportTable:
    found = db.session.execute(
        select(Signup, ConferenceSession)
        .join(ConferenceSession, ConferenceSession.id == Signup.session_id)
        .where(Signup.status != SignupStatus.CANCELLED)
        .order_by(ConferenceSession.starts_at, ConferenceSession.code, Signup.status, Signup.requested_at)
    ).all()
    people = participant_briefs(signup.participant_id for signup, _session in found)
    rows = [
        SignupRow(
            session=session.code,
            title=session.title_en,
            starts=to_venue(session.starts_at).strftime("%Y-%m-%d %H:%M"),
            participant_id=signup.participant_id,
            name=people[signup.participant_id].display_name,
            status=signup.status,
            requested_at=to_venue(signup.requested_at).isoformat(timespec="seconds"),
            email=people[signup.participant_id].email or "",
        )
        for signup, session in found
    ]
    return schema_table(SignupRow, rows, sensitive=sensitive)


def _signatories(sensitive: bool) -> ExportTable:
    signed = {s.party_code: s for s in signing.signatures()}
    rows = [
        SignatoryRow(
            party=d.party_name,
            code=d.party_code,
            signatory=d.signatory_name,
            title=d.signatory_title,
            level=SignatoryLevel(d.level).label,
            full_powers=d.full_powers_status,
            slot=to_venue(d.slot_starts_at).strftime("%Y-%m-%d %H:%M") if d.slot_starts_at else "",
            signed_at=to_venue(signed[d.party_code].signed_at).isoformat(timespec="minutes")
            if d.party_code in signed
            else "",
        )
        for d in signing.declarations()
    ]
    return schema_table(SignatoryRow, rows, sensitive=sensitive)


EXPORTS: dict[str, Export] = {
    # Participants' emails are personal data: only accreditation officers export them.
    "agenda-signups": Export(
        "Sign-ups for panels and workshops", _signups, ORGANISERS, frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER})
    ),
    "agenda-signatories": Export("Signatories of the Convention", _signatories, ORGANISERS),
}
