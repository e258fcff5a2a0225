"""Rooms of the NCC and the programme (``rooms.csv``, ``programme.csv``)."""

from __future__ import annotations

import datetime as dt

from conference.agenda.models import ConferenceSession, Room
from conference.core.services import SeedReport, get_event, read_csv, upsert
from conference.core.timeutil import venue_datetime


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def seed(report: SeedReport) -> None:
    rooms = upsert(
        Room,
        "code",
        (
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "capacity": int(r["capacity"]),
                "floor": r["floor"],
                "zone_code": r["zone"] or None,
            }
            for r in read_csv("rooms.csv")
        ),
        report,
    )
    first_day: dt.date = get_event().start_date
    rows = []
    for r in read_csv("programme.csv"):
        day = first_day + dt.timedelta(days=int(r["day"]) - 1)
        rows.append(
            {
                "code": r["code"],
                "kind": r["kind"],
                "title_en": r["title_en"],
                "title_fr": r["title_fr"],
                "title_vi": r["title_vi"],
                "description_en": r["description_en"],
                "room_id": rooms[r["room"]].id if r["room"] else None,
                "starts_at": venue_datetime(day, r["start"]),
                "ends_at": venue_datetime(day, r["end"]),
                "languages": _list(r["languages"]),
                "topics": _list(r["topics"]),
                "organisers": _list(r["organiser"]),
                "guest_speakers": _list(r["speakers"]),
                "capacity": int(r["capacity"]) if r["capacity"] else None,
                "zone_code": r["zone"] or None,
                "needs_signup": r["needs_signup"] == "1",
            }
        )
    upsert(ConferenceSession, "code", rows, report)


DEMO_TITLES = {
    "head_of_state": "President",
    "head_of_government": "Prime Minister",
    "foreign_minister": "Minister for Foreign Affairs",
    "minister": "Minister of Justice",
    "ambassador": "Permanent Representative to the United Nations",
}


def seed_demo(report: SeedReport) -> None:
    """Demo inscriptions on the first plenary's list of speakers and declarations of intention to sign
    from the demo State delegations (``flask seed --demo``). Adds nothing on a second run."""
    import random

    from sqlalchemy import func, select

    from conference.agenda.models import FullPowersStatus, SigningDeclaration, SpeakerInscription, SpeakerLevel
    from conference.agenda.signing import HOST_ISO3, needs_full_powers
    from conference.agenda.speakers import group_rank
    from conference.core.db import utcnow
    from conference.extensions import db
    from conference.registration.enums import DelegationType
    from conference.registration.queries import delegations

    plenary = db.session.scalar(select(ConferenceSession).where(ConferenceSession.code == "PLENARY-D1"))
    if plenary is None or db.session.scalar(select(func.count()).select_from(SpeakerInscription)):
        return
    states = sorted(
        (d for d in delegations([DelegationType.MEMBER_STATE, DelegationType.HOST_COUNTRY]) if d.country_iso3),
        key=lambda d: (d.country_iso3 != HOST_ISO3, d.id),
    )
    rng = random.Random(4)
    start = utcnow() - dt.timedelta(days=3)
    speaker_levels = [level.value for level in SpeakerLevel]
    for n, d in enumerate(states[:24]):
        db.session.add(
            SpeakerInscription(
                session_id=plenary.id,
                delegation_id=d.id,
                delegation_name=d.name,
                group_rank=group_rank(d.type),
                speaker_name=f"Head of the delegation of {d.name}",
                speaker_title="",
                level=rng.choice(speaker_levels[:5]),
                inscribed_at=start + dt.timedelta(minutes=7 * n),
                status="inscribed",
            )
        )
    signatory_levels = list(DEMO_TITLES)
    seen: set[str] = set()
    for n, d in enumerate(states[:16]):
        if d.country_iso3 in seen:
            continue
        seen.add(d.country_iso3)
        level = rng.choice(signatory_levels)
        db.session.add(
            SigningDeclaration(
                party_code=d.country_iso3,
                party_name=d.party_name,
                delegation_id=d.id,
                is_host=d.country_iso3 == HOST_ISO3,
                signatory_name=f"Signatory for {d.name}",
                signatory_title=DEMO_TITLES[level],
                level=level,
                declared_at=start + dt.timedelta(minutes=11 * n),
                full_powers_status=(
                    FullPowersStatus.MISSING if needs_full_powers(level) else FullPowersStatus.NOT_NEEDED
                ).value,
            )
        )
    report.add("speaker_inscriptions", created=min(24, len(states)))
    report.add("signing_declarations", created=len(seen))
