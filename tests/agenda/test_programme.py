"""Editing the programme: clash detection blocks the save with a clear message."""

import pytest

from conference.agenda import services
from conference.agenda.services import AgendaFilter, SessionData
from conference.core.errors import DomainError
from conference.core.timeutil import venue_datetime
from tests import factories
from tests.agenda.helpers import DAY1, DAY2, room, session_by_code


def data(**overrides) -> SessionData:
    values = dict(
        code="NEW-1",
        kind="workshop",
        title_en="A new workshop",
        starts_at=venue_datetime(DAY2, "19:00"),
        ends_at=venue_datetime(DAY2, "20:00"),
        room_id=room("R339").id,
    )
    values.update(overrides)
    return SessionData(**values)


def test_a_session_that_fits_is_saved_and_audited(app):
    saved = services.save_session(data(capacity=50, title_fr="Un atelier"))
    assert saved.id and saved.effective_capacity == 50 and saved.title("fr") == "Un atelier"
    assert services.get_session(saved.id).code == "NEW-1"


def test_room_used_twice_at_once_is_refused(app):
    panel = session_by_code("PANEL-01")
    with pytest.raises(DomainError) as exc:
        services.save_session(
            data(room_id=panel.room_id, starts_at=venue_datetime(DAY1, "14:00"), ends_at=venue_datetime(DAY1, "15:00"))
        )
    assert exc.value.code == "clash"
    assert "Hall 1 (Lotus) is already booked for PANEL-01" in exc.value.message
    assert session_by_code("NEW-1") is None


def test_back_to_back_sessions_in_one_room_are_fine(app):
    panel = session_by_code("PANEL-01")
    services.save_session(data(room_id=panel.room_id, starts_at=panel.ends_at, ends_at=venue_datetime(DAY1, "15:30")))
    assert session_by_code("NEW-1").room_id == panel.room_id


def test_registered_speaker_in_two_sessions_at_once_is_refused(app):
    speaker = factories.ParticipantFactory(given_names="Ada", family_name="Lovelace")
    services.save_session(data(code="A", speaker_ids=[speaker.id]))
    with pytest.raises(DomainError) as exc:
        services.save_session(
            data(
                code="B",
                room_id=room("R338").id,
                moderator_ids=[speaker.id],
                starts_at=venue_datetime(DAY2, "19:30"),
                ends_at=venue_datetime(DAY2, "20:30"),
            )
        )
    assert "Ada Lovelace is already speaker at A" in exc.value.message


def test_guest_speaker_in_two_sessions_at_once_is_refused(app):
    with pytest.raises(DomainError) as exc:
        services.save_session(
            data(
                room_id=room("R338").id,
                starts_at=venue_datetime(DAY1, "14:00"),
                ends_at=venue_datetime(DAY1, "15:00"),
                guest_speakers=["Ms. Zainab Hassan"],
            )
        )
    assert "Ms. Zainab Hassan already speaks at PANEL-01" in exc.value.message


def test_session_outside_the_event_days_is_refused(app):
    with pytest.raises(DomainError) as exc:
        services.save_session(
            data(
                starts_at=venue_datetime(DAY2.replace(day=27), "09:00"),
                ends_at=venue_datetime(DAY2.replace(day=27), "10:00"),
            )
        )
    assert "outside the event's days" in exc.value.message


def test_capacity_above_the_rooms_is_refused_and_all_problems_are_listed(app):
    panel = session_by_code("PANEL-01")
    with pytest.raises(DomainError) as exc:
        services.save_session(
            data(room_id=panel.room_id, capacity=5000, starts_at=panel.starts_at, ends_at=panel.ends_at)
        )
    assert len(exc.value.params["problems"]) == 2
    assert "Capacity 5000 is above the capacity of Hall 1 (Lotus) (700)" in exc.value.message


def test_editing_a_session_does_not_clash_with_itself(app):
    ws = factories.SessionFactory()
    services.save_session(data(code=ws.code, title_en="Renamed", capacity=3), session_id=ws.id)
    assert services.get_session(ws.id).title_en == "Renamed"


def test_filters_and_text_search(app):
    ws_day2 = services.find_sessions(AgendaFilter(day=DAY2, kind="workshop"))
    assert len(ws_day2) == 18 and all(s.kind == "workshop" for s in ws_day2)
    assert {"PANEL-01", "WS-07"} <= {s.code for s in services.find_sessions(AgendaFilter(q="zainab"))}
    assert all("ar" in s.languages for s in services.find_sessions(AgendaFilter(language="ar")))
    assert all("ransomware" in s.topics for s in services.find_sessions(AgendaFilter(topic="ransomware")))
    hall1 = room("HALL1").id
    assert {s.code for s in services.find_sessions(AgendaFilter(room_id=hall1))} == {"PANEL-01", "PANEL-08"}


def test_a_session_with_signups_cannot_be_deleted(app):
    from conference.agenda import signups
    from tests.agenda.helpers import attendee

    ws = factories.SessionFactory()
    user, person = attendee()
    signups.sign_up(ws.id, person.id, user.id)
    with pytest.raises(DomainError) as exc:
        services.delete_session(ws.id)
    assert exc.value.code == "session_has_signups"
    signups.cancel(ws.id, person.id, user.id)
    services.delete_session(ws.id)
    assert session_by_code(ws.code) is None
