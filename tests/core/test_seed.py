import itertools

import pytest
from sqlalchemy import func, select

from conference import DOMAINS
from conference.agenda.models import ConferenceSession
from conference.core.services import run_seed
from conference.exhibition.models import Booth
from conference.extensions import db
from conference.registration.models import Category, Country


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.mark.smoke
def test_seeded_programme_has_the_real_shape(app):
    assert count(ConferenceSession, ConferenceSession.kind == "panel") == 8
    assert count(ConferenceSession, ConferenceSession.kind == "workshop") == 32
    assert count(ConferenceSession, ConferenceSession.kind == "signing") == 1
    assert count(Booth) >= 20
    assert count(Country) >= 195
    assert db.session.get(Country, "VNM").name == "Viet Nam"
    assert db.session.get(Category, "delegate").badge_colour.startswith("#")


def test_no_room_is_used_twice_at_once(app):
    sessions = db.session.scalars(select(ConferenceSession).where(ConferenceSession.room_id.is_not(None))).all()
    by_room = itertools.groupby(sorted(sessions, key=lambda s: (s.room_id, s.starts_at)), key=lambda s: s.room_id)
    for _room, items in by_room:
        items = list(items)
        for a, b in itertools.pairwise(items):
            assert a.ends_at <= b.starts_at, f"{a.code} and {b.code} clash"


def test_side_events_are_75_minute_slots_in_venue_time(app):
    ws = db.session.scalar(select(ConferenceSession).where(ConferenceSession.code == "WS-01"))
    assert (ws.ends_at - ws.starts_at).total_seconds() == 3600
    assert ws.starts_at.utcoffset().total_seconds() == 0  # stored in UTC


def test_seed_is_idempotent(app):
    report = run_seed(DOMAINS)
    assert not report.changed, report.summary()


def test_demo_seed_adds_participants_in_many_scripts_once(app):
    report = run_seed(DOMAINS, demo=True)
    assert report.created["participants"] == 2500
    from conference.registration.models import Participant

    names = db.session.scalars(select(Participant.family_name)).all()
    assert any("\u0600" <= ch <= "\u06ff" for n in names for ch in n), "no Arabic names"
    assert any("\u4e00" <= ch <= "\u9fff" for n in names for ch in n), "no Chinese names"
    assert any("\u0400" <= ch <= "\u04ff" for n in names for ch in n), "no Cyrillic names"
    assert not run_seed(DOMAINS, demo=True).changed
