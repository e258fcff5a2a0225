"""Synthetic delegations and ~2,500 participants for demos and benchmarks (``flask seed --demo``).

Never loaded by default. Deterministic (fixed Faker seed) and idempotent: demo delegations carry
the address marker below, and a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from faker import Faker
from sqlalchemy import func, select

from conference.core.db import utcnow
from conference.core.services import SeedReport
from conference.extensions import db
from conference.registration.models import (
    AccreditationStatus,
    Country,
    Delegation,
    DelegationType,
    Organisation,
    Participant,
)

DEMO_MARKER = "[demo data]"
PARTICIPANTS = 2500
STATE_DELEGATIONS = 110
# Faker locales by UN region give many scripts of names (Latin, Vietnamese, Arabic, CJK, Cyrillic…).
LOCALES = ["vi_VN", "ar_AA", "zh_CN", "ru_RU", "ja_JP", "ko_KR", "el_GR", "fr_FR", "es_ES", "en_GB", "hi_IN", "uk_UA"]
STATE_CATEGORIES = ["delegate"] * 6 + ["adviser"] * 3 + ["minister"]


def seed_demo_participants(report: SeedReport) -> None:
    already = db.session.scalar(select(func.count()).select_from(Delegation).where(Delegation.address == DEMO_MARKER))
    if already:
        return
    rng = random.Random(2025)
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, fk in enumerate(fakers.values()):
        fk.seed_instance(1000 + i)
    delegations = _demo_delegations(rng, fakers["en_GB"])
    db.session.add_all(d for d, _ in delegations)
    db.session.flush()
    people = _demo_people(rng, fakers, delegations)
    db.session.add_all(people)
    db.session.flush()
    heads: dict[int, int] = {}
    for p in people:
        if p.category_code == "head_of_delegation":
            heads.setdefault(p.delegation_id, p.id)
    for delegation, _ in delegations:
        delegation.head_of_delegation_id = heads.get(delegation.id)
    report.add("delegations", created=len(delegations))
    report.add("participants", created=len(people))


def _demo_delegations(rng: random.Random, faker_en: Faker) -> list[tuple[Delegation, str]]:
    """State, organisation and individual delegations, each with a hint of its members' category."""
    countries = list(db.session.scalars(select(Country).where(Country.status == "member").order_by(Country.iso3)))
    states = rng.sample(countries, min(STATE_DELEGATIONS, len(countries)))
    orgs = list(db.session.scalars(select(Organisation).order_by(Organisation.code)))
    delegations: list[tuple[Delegation, str]] = []
    for country in states:
        kind = DelegationType.HOST_COUNTRY if country.iso3 == "VNM" else DelegationType.MEMBER_STATE
        delegations.append((Delegation(type=kind, name=country.name, country_iso3=country.iso3), "state"))
    for org in orgs:
        kind = {"reio": DelegationType.REIO, "igo": DelegationType.IGO}.get(org.type, DelegationType.UN_ENTITY)
        delegations.append((Delegation(type=kind, name=org.name, organisation_code=org.code), kind))
    for kind, category in (
        (DelegationType.NGO, "ngo"),
        (DelegationType.PRIVATE_SECTOR, "private_sector"),
        (DelegationType.ACADEMIA, "academia"),
        (DelegationType.MEDIA, "media"),
    ):
        for _ in range(30):
            delegations.append((Delegation(type=kind, name=faker_en.unique.company()), category))
    for delegation, _ in delegations:
        delegation.address = DEMO_MARKER
        delegation.status = AccreditationStatus.APPROVED
    return delegations


def _demo_category(rng: random.Random, hint: str, first_of_delegation: bool) -> str:
    if hint == "state":
        return "head_of_delegation" if first_of_delegation else rng.choice(STATE_CATEGORIES)
    return {
        DelegationType.IGO: "igo",
        DelegationType.REIO: "observer",
        DelegationType.UN_ENTITY: "un_system",
    }.get(hint, hint)


def _demo_people(
    rng: random.Random, fakers: dict[str, Faker], delegations: list[tuple[Delegation, str]]
) -> list[Participant]:
    now = utcnow()
    event_day = dt.date(2025, 10, 25)
    people = []
    for n in range(PARTICIPANTS):
        delegation, hint = delegations[n % len(delegations)]
        fk = fakers[LOCALES[rng.randrange(len(LOCALES))]]
        category = _demo_category(rng, hint, n < len(delegations))
        status = AccreditationStatus.APPROVED if rng.random() < 0.85 else AccreditationStatus.SUBMITTED
        people.append(
            Participant(
                delegation_id=delegation.id,
                given_names=fk.first_name(),
                family_name=fk.last_name(),
                title=rng.choice(["Delegate", "Adviser", "Director", "Counsellor", "First Secretary", "Expert"]),
                category_code=category,
                nationality_iso3=delegation.country_iso3,
                passport_number=f"D{rng.randrange(10, 100)}{n:06d}",  # unique: the duplicate guard refuses repeats
                passport_expiry=dt.date(2030, 1, 1) + dt.timedelta(days=rng.randrange(1500)),
                date_of_birth=dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(14000)),
                email=f"demo{n:05d}@participants.example",
                arrival_date=event_day - dt.timedelta(days=rng.randrange(3)),
                departure_date=event_day + dt.timedelta(days=2),
                consent_given_at=now,
                consent_share_contact=rng.random() < 0.5,
                status=status,
                submitted_at=now,
                decided_at=now if status == AccreditationStatus.APPROVED else None,
            )
        )
    return people
