"""Downloadable tables for the organiser panel: sign-ups and signatories."""

from __future__ import annotations

from sqlalchemy import select

from conference.accounts.roles import Role
from conference.agenda import signing
from conference.agenda.models import ConferenceSession, SignatoryLevel, Signup, SignupStatus
from conference.core.panel import Export, ExportTable
from conference.core.timeutil import to_venue
from conference.extensions import db
from conference.registration.models import Participant

ORGANISERS = frozenset({Role.ADMIN, Role.PROTOCOL_OFFICER})


def _signups(sensitive: bool) -> ExportTable:
    headers = ["session", "title", "starts (venue time)", "participant id", "name", "status", "requested at"]
    if sensitive:
        headers.append("email")
    rows = db.session.execute(
        select(Signup, ConferenceSession, Participant)
        .join(ConferenceSession, ConferenceSession.id == Signup.session_id)
        .join(Participant, Participant.id == Signup.participant_id)
        .where(Signup.status != SignupStatus.CANCELLED)
        .order_by(ConferenceSession.starts_at, ConferenceSession.code, Signup.status, Signup.requested_at)
    ).all()

    def build():
        for signup, session, person in rows:
            row = [
                session.code,
                session.title_en,
                to_venue(session.starts_at).strftime("%Y-%m-%d %H:%M"),
                person.id,
                person.display_name,
                signup.status,
                to_venue(signup.requested_at).isoformat(timespec="seconds"),
            ]
            yield [*row, person.email or ""] if sensitive else row

    return ExportTable(headers, list(build()))


def _signatories(_sensitive: bool) -> ExportTable:
    signed = {s.party_code: s for s in signing.signatures()}
    rows = []
    for d in signing.declarations():
        s = signed.get(d.party_code)
        rows.append(
            [
                d.party_name,
                d.party_code,
                d.signatory_name,
                d.signatory_title,
                SignatoryLevel(d.level).label,
                d.full_powers_status,
                to_venue(d.slot_starts_at).strftime("%Y-%m-%d %H:%M") if d.slot_starts_at else "",
                to_venue(s.signed_at).isoformat(timespec="minutes") if s else "",
            ]
        )
    return ExportTable(
        ["party", "code", "signatory", "title", "level", "full powers", "slot (venue time)", "signed at (venue time)"],
        rows,
    )


EXPORTS: dict[str, Export] = {
    # Participants' emails are personal data: only accreditation officers export them.
    "agenda-signups": Export(
        "Sign-ups for panels and workshops", _signups, ORGANISERS, frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER})
    ),
    "agenda-signatories": Export("Signatories of the Convention", _signatories, ORGANISERS),
}
