"""The plenary's list of speakers: inscription, protocol order, reordering by hand, running it."""

import datetime as dt

import pytest
from sqlalchemy import select

from conference.accounts.models import User
from conference.agenda import speakers
from conference.core.errors import DomainError
from conference.core.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.agenda.helpers import session_by_code

T0 = dt.datetime(2025, 10, 20, 8, 0, tzinfo=dt.UTC)


def inscribe(country, level, minutes, type_=None, plenary="PLENARY-D1"):
    focal = factories.UserFactory(role="focal_point")
    kwargs = {"type": type_} if type_ else {}
    delegation = factories.DelegationFactory(
        country_iso3=country, focal_point=focal, name=country or f"Org {minutes}", **kwargs
    )
    return speakers.inscribe(
        session_by_code(plenary).id,
        delegation.id,
        focal.id,
        f"Speaker of {delegation.name}",
        "Title",
        level,
        now=T0 + dt.timedelta(minutes=minutes),
    )


def names(session_id):
    return [i.delegation_name for i in speakers.ordered(session_id)]


def test_protocol_order_states_by_level_then_time_then_observers_and_organisations(app):
    sid = session_by_code("PLENARY-D1").id
    inscribe("FRA", "ambassador", 1)
    inscribe(None, "head_of_state", 2, type_="igo")
    inscribe("DEU", "minister", 3)
    inscribe("PSE", "head_of_state", 4, type_="observer_state")
    inscribe("BRA", "head_of_state", 5)
    inscribe("KEN", "minister", 6)
    assert names(sid) == ["BRA", "DEU", "KEN", "FRA", "PSE", "Org 2"]


def test_a_delegation_inscribes_once_per_session(app):
    first = inscribe("FRA", "minister", 1)
    focal = db.session.get(User, first.inscribed_by_id)
    with pytest.raises(DomainError) as exc:
        speakers.inscribe(first.session_id, first.delegation_id, focal.id, "Someone else", "", "other")
    assert exc.value.code == "already_inscribed"
    other = speakers.inscribe(
        session_by_code("PLENARY-D2-AM").id, first.delegation_id, focal.id, "Same speaker", "", "minister"
    )
    assert other.id != first.id


def test_only_the_focal_point_inscribes_and_only_on_plenaries(app):
    delegation = factories.DelegationFactory(country_iso3="FRA", with_focal_point=True)
    intruder = factories.UserFactory(role="focal_point")
    with pytest.raises(DomainError) as exc:
        speakers.inscribe(session_by_code("PLENARY-D1").id, delegation.id, intruder.id, "X", "", "other")
    assert exc.value.code == "not_the_delegations_focal_point"
    with pytest.raises(DomainError) as exc:
        speakers.inscribe(session_by_code("WS-01").id, delegation.id, delegation.focal_point_id, "X", "", "other")
    assert exc.value.code == "plenary_not_found"


def test_reordering_by_hand_is_kept_and_audited(app):
    sid = session_by_code("PLENARY-D1").id
    inscribe("BRA", "head_of_state", 1)
    moved = inscribe("FRA", "ambassador", 2)
    inscribe("DEU", "minister", 3)
    speakers.move(moved.id, -1)
    assert names(sid) == ["BRA", "FRA", "DEU"]
    speakers.move(moved.id, -1)
    assert names(sid) == ["FRA", "BRA", "DEU"]
    inscribe("KEN", "head_of_state", 4)
    assert names(sid) == ["FRA", "BRA", "DEU", "KEN"]  # late inscriptions join after the hand-set order
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "speakers.reorder").order_by(AuditEntry.id.desc()).limit(1)
    )
    assert entry.before["order"] == ["BRA", "FRA", "DEU"] and entry.after["order"] == ["FRA", "BRA", "DEU"]
    with pytest.raises(DomainError):
        speakers.move(moved.id, -1)
    speakers.reset_order(sid)
    assert names(sid) == ["BRA", "KEN", "DEU", "FRA"]


def test_running_the_floor_with_the_timer(app):
    sid = session_by_code("PLENARY-D1").id
    a = inscribe("BRA", "head_of_state", 1)
    b = inscribe("FRA", "minister", 2)
    c = inscribe("DEU", "ambassador", 3)
    speakers.set_time_limit(sid, 180)
    assert speakers.next_speaker(sid, now=T0).id == a.id
    speakers.start_timer(sid, now=T0)
    state = speakers.screen_state(sid, now=T0 + dt.timedelta(seconds=50))
    assert state["current"]["delegation"] == "BRA"
    assert state["timer"] == {"running": True, "elapsed_seconds": 50, "remaining_seconds": 130}
    assert [n["delegation"] for n in state["next"]] == ["FRA", "DEU"]
    speakers.stop_timer(sid, now=T0 + dt.timedelta(seconds=60))
    state = speakers.screen_state(sid, now=T0 + dt.timedelta(seconds=500))
    assert state["timer"]["running"] is False and state["timer"]["remaining_seconds"] == 120

    speakers.mark(b.id, "withdrawn", b.inscribed_by_id)  # the focal point withdraws their delegation
    assert speakers.next_speaker(sid, now=T0).id == c.id
    db.session.refresh(a)
    assert a.status == "spoken"
    assert speakers.next_speaker(sid, now=T0) is None
    state = speakers.screen_state(sid)
    assert state["current"] is None and state["spoken"] == 2


def test_time_limit_bounds_and_officer_only_marking(app):
    sid = session_by_code("PLENARY-D1").id
    with pytest.raises(DomainError):
        speakers.set_time_limit(sid, 5)
    a = inscribe("BRA", "head_of_state", 1)
    with pytest.raises(DomainError) as exc:
        speakers.mark(a.id, "spoken", a.inscribed_by_id)
    assert exc.value.code == "protocol_officers_only"
    officer = factories.UserFactory(role="protocol_officer")
    assert speakers.mark(a.id, "spoken", officer.id).status == "spoken"


def test_dragging_the_whole_list_into_a_new_order(app):
    sid = session_by_code("PLENARY-D1").id
    a = inscribe("BRA", "head_of_state", 1)
    b = inscribe("FRA", "ambassador", 2)
    c = inscribe("DEU", "minister", 3)
    speakers.set_order(sid, [c.id, b.id, a.id])
    assert names(sid) == ["DEU", "FRA", "BRA"]
    with pytest.raises(DomainError) as exc:
        speakers.set_order(sid, [c.id, b.id])
    assert exc.value.code == "stale_order"
