"""perform_scan: every reason code, idempotency, presence and occupancy, the desk and booths."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from conference.badges.models import Badge
from conference.core.db import utcnow
from conference.core.models import AuditEntry
from conference.core.signals import booth_scanned
from conference.exhibition.models import Booth
from conference.extensions import db
from conference.scanning import queries
from conference.scanning.models import Presence, Scan
from tests import factories
from tests.scanning.conftest import SCANNED_SESSION, code_for, forged_code, hours, scan


@pytest.fixture(autouse=True)
def _request(app):
    """Verdict messages are translated and photo URLs built for a request."""
    with app.test_request_context():
        yield


def test_an_approved_badge_enters_its_zone(app):
    badge = factories.BadgeFactory()
    gate = factories.CheckpointFactory(zone_code="P")
    result = scan(gate, code_for(badge))
    assert result.reason == "accepted" and result.accepted
    assert result.participant["name"].startswith("Given")
    assert result.participant["colour"] == "#C8102E"
    assert result.as_json()["verdict"] == "accepted" and result.as_json()["colour"] == "green"
    assert db.session.get(Presence, (badge.id, "zone:P")).inside


def test_a_second_entry_without_exit_is_already_inside_until_an_exit(app):
    badge = factories.BadgeFactory()
    entry = factories.CheckpointFactory(zone_code="P")
    exit_ = factories.CheckpointFactory(zone_code="P", direction="out")
    assert scan(entry, code_for(badge)).reason == "accepted"
    second = scan(entry, code_for(badge))
    assert second.reason == "already_inside" and second.as_json()["colour"] == "amber"
    assert scan(exit_, code_for(badge)).reason == "accepted"
    assert scan(entry, code_for(badge)).reason == "accepted"


def test_reentry_policies_once_and_any(app):
    badge = factories.BadgeFactory()
    once = factories.CheckpointFactory(zone_code="E", reentry="once")
    out = factories.CheckpointFactory(zone_code="E", direction="out")
    assert scan(once, code_for(badge)).reason == "accepted"
    scan(out, code_for(badge))
    assert scan(once, code_for(badge)).reason == "already_inside"
    free = factories.CheckpointFactory(zone_code="W", reentry="any")
    assert [scan(free, code_for(badge)).reason for _ in range(2)] == ["accepted", "accepted"]


def test_a_badge_without_the_zone_is_wrong_zone(app):
    badge = factories.BadgeFactory(participant__category_code="delegate")  # delegates have no signing-room access
    assert scan(factories.CheckpointFactory(zone_code="S"), code_for(badge)).reason == "wrong_zone"
    minister = factories.BadgeFactory(participant__category_code="minister")
    assert scan(factories.CheckpointFactory(zone_code="S"), code_for(minister)).reason == "accepted"


def test_a_full_session_refuses_the_next_person_and_counts_attendance(app):
    session = factories.SessionFactory(capacity=2, zone_code="W", **SCANNED_SESSION)
    hall_before = queries.room_occupancy().get("HALL1", 0)
    door = factories.CheckpointFactory(kind="session_door", session_id=session.id)
    out = factories.CheckpointFactory(kind="session_door", session_id=session.id, direction="out")
    a, b, c = factories.BadgeFactory(), factories.BadgeFactory(), factories.BadgeFactory()
    assert scan(door, code_for(a)).reason == "accepted"
    assert scan(door, code_for(b)).reason == "accepted"
    assert scan(door, code_for(c)).reason == "session_full"
    assert queries.session_attendance(session.id) == {"attended": 2, "inside": 2}
    scan(out, code_for(a))
    assert scan(door, code_for(c)).reason == "accepted"
    assert queries.session_attendance(session.id) == {"attended": 3, "inside": 2}
    assert queries.room_occupancy()["HALL1"] - hall_before == 2
    row = next(r for r in queries.attendance_by_session() if r["id"] == session.id)
    assert (row["attended"], row["inside"], row["capacity"]) == (3, 2, 2)


def test_a_session_in_a_zone_the_badge_lacks_is_wrong_zone(app):
    session = factories.SessionFactory(capacity=100, zone_code="S", **SCANNED_SESSION)
    door = factories.CheckpointFactory(kind="session_door", session_id=session.id)
    assert scan(door, code_for(factories.BadgeFactory())).reason == "wrong_zone"


def test_outside_opening_times_is_not_open(app):
    badge = factories.BadgeFactory()
    now = utcnow()
    later = factories.CheckpointFactory(zone_code="P", opens_at=now + hours(1))
    closed = factories.CheckpointFactory(zone_code="P", opens_at=now - hours(3), closes_at=now - hours(1))
    assert scan(later, code_for(badge)).reason == "not_open"
    assert scan(closed, code_for(badge)).reason == "not_open"


def test_an_offline_scan_is_judged_at_the_devices_time(app):
    badge = factories.BadgeFactory()
    now = utcnow()
    gate = factories.CheckpointFactory(zone_code="P", opens_at=now - hours(3), closes_at=now - hours(1))
    when = now - hours(2)
    result = scan(gate, code_for(badge), scanned_at=when, offline=True)
    assert result.reason == "accepted"
    row = db.session.get(Scan, result.scan_id)
    assert row.scanned_at == when and row.offline and row.received_at is not None


def test_an_older_serial_is_superseded_and_a_future_one_invalid(app):
    badge = factories.BadgeFactory(reprinted=True)
    gate = factories.CheckpointFactory()
    assert scan(gate, code_for(badge, serial=1)).reason == "superseded"
    assert scan(gate, code_for(badge, serial=3)).reason == "invalid"
    assert scan(gate, code_for(badge)).reason == "accepted"


def test_a_revoked_badge_is_refused(app):
    badge = factories.BadgeFactory(revoked=True)
    result = scan(factories.CheckpointFactory(), code_for(badge))
    assert result.reason == "revoked" and result.as_json()["colour"] == "red"


def test_a_cancelled_or_pending_accreditation_is_not_approved(app):
    gate = factories.CheckpointFactory()
    assert scan(gate, code_for(factories.BadgeFactory(participant__status="cancelled"))).reason == "not_approved"
    assert scan(gate, code_for(factories.BadgeFactory(participant__status="submitted"))).reason == "not_approved"


def test_forged_foreign_and_garbage_codes(app):
    badge = factories.BadgeFactory()
    gate = factories.CheckpointFactory()
    assert scan(gate, forged_code(badge.id)).reason == "invalid"
    assert scan(gate, forged_code(badge.id, key_id=200)).reason == "invalid"
    assert scan(gate, code_for(badge).replace("HC1:", "HC1:0")).reason == "unreadable"
    garbage = scan(gate, "https://example.com/not-a-badge")
    assert garbage.reason == "unreadable" and garbage.participant is None
    assert scan(gate, tokens_for_missing_badge()).reason == "invalid"


def tokens_for_missing_badge() -> str:
    from conference.badges.tokens import sign

    return sign(987654, 1)


def test_every_scan_is_recorded_accepted_or_refused(app):
    badge = factories.BadgeFactory()
    gate = factories.CheckpointFactory()
    results = [scan(gate, c) for c in (code_for(badge), code_for(badge), "junk", forged_code(badge.id))]
    rows = db.session.scalars(select(Scan).where(Scan.checkpoint_id == gate.id).order_by(Scan.id)).all()
    assert [r.reason for r in rows] == ["accepted", "already_inside", "unreadable", "invalid"]
    assert [r.scan_id for r in results] == [r.id for r in rows]


def test_the_same_scan_sent_twice_is_recorded_once_with_the_first_verdict(app):
    badge = factories.BadgeFactory()
    gate = factories.CheckpointFactory()
    first = scan(gate, code_for(badge), client_scan_id="dev1-0001", device="Gate A phone")
    again = scan(gate, code_for(badge), client_scan_id="dev1-0001")
    assert first.reason == again.reason == "accepted"
    assert again.duplicate and not first.duplicate and again.scan_id == first.scan_id
    assert db.session.scalar(select(func.count()).select_from(Scan).where(Scan.client_scan_id == "dev1-0001")) == 1
    assert db.session.get(Presence, (badge.id, "zone:P")).entries == 1


def test_a_manual_pick_by_badge_id(app):
    badge = factories.BadgeFactory()
    result = scan(factories.CheckpointFactory(), None, badge_id=badge.id)
    assert result.reason == "accepted"
    assert db.session.get(Scan, result.scan_id).code == f"manual:HN{badge.id:06d}"


def test_occupancy_follows_entries_and_exits(app):
    badges = [factories.BadgeFactory() for _ in range(4)]
    before = queries.zone_occupancy().get("E", 0)
    entry = factories.CheckpointFactory(zone_code="E")
    out = factories.CheckpointFactory(zone_code="E", direction="out")
    for b in badges:
        scan(entry, code_for(b))
    scan(out, code_for(badges[0]))
    scan(out, code_for(badges[1]))
    scan(out, code_for(badges[1]))  # leaving twice counts once
    scan(entry, code_for(badges[0]))
    assert queries.zone_occupancy()["E"] - before == 3


def test_the_accreditation_desk_records_the_collection_once(app, auth):
    staff = auth.login("scanner")
    badge = factories.BadgeFactory(printed=True)
    desk = factories.CheckpointFactory(kind="desk")
    first = scan(desk, code_for(badge), staff_user_id=staff.id)
    assert first.reason == "accepted" and first.collected == "now"
    db.session.refresh(badge)
    assert badge.collected_at is not None and badge.collected_by_id == staff.id
    assert scan(desk, code_for(badge)).collected == "already"
    holder = factories.ParticipantFactory(approved=True)
    refused = factories.BadgeFactory(participant=holder, printed=True)
    holder.status = "cancelled"  # printed while approved, cancelled since
    db.session.flush()  # the desk reads the published view on the raw connection: no autoflush
    assert scan(desk, code_for(refused)).reason == "not_approved"
    assert db.session.get(Badge, refused.id).collected_at is None


def test_the_desk_does_not_hand_over_a_badge_not_yet_printed(app, auth):
    staff = auth.login("scanner")
    badge = factories.BadgeFactory()
    result = scan(factories.CheckpointFactory(kind="desk"), code_for(badge), staff_user_id=staff.id)
    assert result.collected == "not_printed"
    assert result.as_json()["collected"] == "not_printed"
    assert db.session.get(Badge, badge.id).collected_at is None


def test_a_desk_hand_over_is_audited_as_the_badge_desk_does_it(app, auth):
    staff = auth.login("scanner")
    badge = factories.BadgeFactory(printed=True)
    scan(factories.CheckpointFactory(kind="desk"), code_for(badge), staff_user_id=staff.id)
    actions = db.session.scalars(
        select(AuditEntry.action).where(
            AuditEntry.entity_type == "badge",
            AuditEntry.entity_id == str(badge.id),
            AuditEntry.action != "badge.issued",
        )
    ).all()
    assert actions == ["badge.collected"]


def test_a_booth_scan_tells_the_exhibition(app):
    booth_id = db.session.scalar(select(func.min(Booth.id)))
    booth = factories.CheckpointFactory(kind="booth", booth_id=booth_id)
    badge, cancelled = factories.BadgeFactory(), factories.BadgeFactory(participant__status="cancelled")
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    booth_scanned.connect(receiver)
    try:
        scan(booth, code_for(badge), staff_user_id=None)
        scan(booth, code_for(cancelled))
        scan(booth, "junk")
    finally:
        booth_scanned.disconnect(receiver)
    assert [(r["booth_id"], r["participant_id"], r["accepted"]) for r in received] == [
        (booth_id, badge.participant_id, True),
        (booth_id, cancelled.participant_id, False),
    ]
    assert isinstance(received[0]["scanned_at"], dt.datetime)
