"""Concurrent scans on real connections (committed data): the locking rules hold."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import func, select

from conference.extensions import db
from conference.scanning import services
from conference.scanning.models import Presence, Scan
from tests import factories
from tests.scanning.conftest import SCANNED_SESSION, code_for

THREADS = 8


def _race(app, calls) -> list[services.ScanResult]:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, kwargs):
        with app.app_context():
            barrier.wait()
            try:
                results[i] = services.perform_scan(**kwargs)
                db.session.commit()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, kw)) for i, kw in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_one_badge_at_two_gates_at_once_gets_in_once(fresh_app):
    with fresh_app.app_context():
        badge = factories.BadgeFactory()
        gates = [factories.CheckpointFactory(zone_code="P", name=f"Gate {n}") for n in (1, 2)]
        code, gate_ids, badge_id = code_for(badge), [g.id for g in gates], badge.id
        db.session.commit()
        db.session.remove()
    calls = [
        dict(checkpoint_id=gate_ids[i % 2], code=code, client_scan_id=uuid.uuid4().hex, staff_user_id=None)
        for i in range(THREADS)
    ]
    reasons = sorted(r.reason for r in _race(fresh_app, calls))
    assert reasons == ["accepted"] + ["already_inside"] * (THREADS - 1)
    with fresh_app.app_context():
        assert db.session.get(Presence, (badge_id, "zone:P")).entries == 1
        assert db.session.scalar(select(func.count()).select_from(Scan)) == THREADS


def test_the_same_scan_sent_at_once_from_retries_is_recorded_once(fresh_app):
    with fresh_app.app_context():
        badge, gate = factories.BadgeFactory(), factories.CheckpointFactory()
        code, gate_id = code_for(badge), gate.id
        db.session.commit()
        db.session.remove()
    calls = [
        dict(checkpoint_id=gate_id, code=c, client_scan_id="retry-1", staff_user_id=None)
        for c in [code] * (THREADS // 2) + ["garbage"] * (THREADS // 2)
    ]
    results = _race(fresh_app, calls)
    assert len({r.scan_id for r in results}) == 1 and len({r.reason for r in results}) == 1
    assert sum(not r.duplicate for r in results) == 1
    with fresh_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Scan)) == 1


def test_the_last_seat_goes_to_one_person(fresh_app):
    with fresh_app.app_context():
        session = factories.SessionFactory(capacity=3, zone_code="W", **SCANNED_SESSION)
        door = factories.CheckpointFactory(kind="session_door", session_id=session.id)
        codes = [code_for(factories.BadgeFactory()) for _ in range(THREADS)]
        door_id = door.id
        db.session.commit()
        db.session.remove()
    calls = [dict(checkpoint_id=door_id, code=c, client_scan_id=uuid.uuid4().hex, staff_user_id=None) for c in codes]
    reasons = sorted(r.reason for r in _race(fresh_app, calls))
    assert reasons == ["accepted"] * 3 + ["session_full"] * (THREADS - 3)
