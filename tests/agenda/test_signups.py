"""Sign-up: seats, waiting list and promotion, overlaps, cancellation, who may book whom."""

import threading

import pytest
from sqlalchemy import func, select

from conference.agenda import signups
from conference.agenda.models import Signup
from conference.core.errors import Conflict, DomainError, Forbidden
from conference.core.models import OutboxMail
from conference.extensions import db
from tests import factories
from tests.agenda.helpers import attendee, session_by_code


def test_seats_then_waiting_list_then_promotion_in_order_with_a_mail(app):
    ws = factories.SessionFactory(capacity=2)
    people = [attendee() for _ in range(4)]
    rows = [signups.sign_up(ws.id, p.id, u.id) for u, p in people]
    assert [r.status for r in rows] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [signups.waiting_position(r) for r in rows[2:]] == [1, 2]

    user0, person0 = people[0]
    signups.cancel(ws.id, person0.id, user0.id)
    db.session.refresh(rows[2])
    db.session.refresh(rows[3])
    assert rows[2].status == "confirmed" and rows[3].status == "waitlisted"
    assert signups.waiting_position(rows[3]) == 1
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to_address == people[2][1].email))
    assert mail is not None and "A seat is yours" in mail.subject
    assert signups.seat_counts([ws.id])[ws.id] == signups.SeatCount(confirmed=2, waitlisted=1)


def test_cancelling_a_waiting_place_promotes_nobody(app):
    ws = factories.SessionFactory(capacity=1)
    (u1, p1), (u2, p2), (u3, p3) = attendee(), attendee(), attendee()
    for u, p in ((u1, p1), (u2, p2), (u3, p3)):
        signups.sign_up(ws.id, p.id, u.id)
    signups.cancel(ws.id, p2.id, u2.id)
    assert signups.seat_counts([ws.id])[ws.id] == signups.SeatCount(confirmed=1, waitlisted=1)


def test_signing_up_again_after_cancelling_goes_to_the_back_of_the_queue(app):
    ws = factories.SessionFactory(capacity=1)
    (u1, p1), (u2, p2) = attendee(), attendee()
    signups.sign_up(ws.id, p1.id, u1.id)
    signups.cancel(ws.id, p1.id, u1.id)
    signups.sign_up(ws.id, p2.id, u2.id)
    again = signups.sign_up(ws.id, p1.id, u1.id)
    assert again.status == "waitlisted"
    assert db.session.scalar(select(func.count()).select_from(Signup).where(Signup.session_id == ws.id)) == 2


def test_twice_is_refused(app):
    ws = factories.SessionFactory()
    u, p = attendee()
    signups.sign_up(ws.id, p.id, u.id)
    with pytest.raises(Conflict) as exc:
        signups.sign_up(ws.id, p.id, u.id)
    assert exc.value.code == "already_signed_up"


def test_overlapping_sessions_are_refused_even_from_the_waiting_list(app):
    first = factories.SessionFactory(capacity=1, start="19:00", end="20:00")
    second = factories.SessionFactory(capacity=5, start="19:30", end="20:30", room_code="R338")
    later = factories.SessionFactory(capacity=5, start="20:00", end="21:00", room_code="R337")
    other_u, other_p = attendee()
    signups.sign_up(first.id, other_p.id, other_u.id)
    u, p = attendee()
    assert signups.sign_up(first.id, p.id, u.id).status == "waitlisted"
    with pytest.raises(Conflict) as exc:
        signups.sign_up(second.id, p.id, u.id)
    assert exc.value.code == "overlap" and first.title_en in exc.value.message
    assert signups.sign_up(later.id, p.id, u.id).status == "confirmed"


def test_only_submitted_or_approved_registrations_may_sign_up(app):
    ws = factories.SessionFactory()
    for status in ("draft", "changes_requested", "rejected"):
        u, p = attendee(status=status)
        with pytest.raises(DomainError) as exc:
            signups.sign_up(ws.id, p.id, u.id)
        assert exc.value.code == "not_accredited"
    u, p = attendee(status="submitted")
    assert signups.sign_up(ws.id, p.id, u.id).status == "confirmed"


def test_sessions_without_signup_refuse_bookings(app):
    u, p = attendee()
    with pytest.raises(DomainError) as exc:
        signups.sign_up(session_by_code("OPENING").id, p.id, u.id)
    assert exc.value.code == "no_signup"


def test_a_focal_point_books_their_members_but_nobody_else(app):
    ws = factories.SessionFactory()
    focal = factories.UserFactory(role="focal_point")
    delegation = factories.DelegationFactory(country_iso3="DEU", focal_point=focal)
    member = factories.ParticipantFactory(delegation=delegation, status="approved")
    stranger = factories.ParticipantFactory(
        delegation=factories.DelegationFactory(country_iso3="ITA"), status="approved"
    )
    assert {p.id for p in signups.bookable_participants(focal)} == {member.id}
    assert signups.sign_up(ws.id, member.id, focal.id).booked_by_id == focal.id
    with pytest.raises(Forbidden):
        signups.sign_up(ws.id, stranger.id, focal.id)
    u, _ = attendee()
    with pytest.raises(Forbidden):
        signups.cancel(ws.id, member.id, u.id)
    signups.cancel(ws.id, member.id, focal.id)


def test_a_rejected_accreditation_frees_the_seat_for_the_next_in_line(app):
    from conference.core.signals import accreditation_changed

    ws = factories.SessionFactory(capacity=1)
    (u1, p1), (u2, p2) = attendee(), attendee()
    signups.sign_up(ws.id, p1.id, u1.id)
    waiting = signups.sign_up(ws.id, p2.id, u2.id)
    accreditation_changed.send(None, participant_id=p1.id, old_status="approved", new_status="rejected")
    db.session.commit()
    db.session.refresh(waiting)
    assert waiting.status == "confirmed"


def test_raising_the_capacity_promotes_people_waiting(app):
    from conference.agenda import services
    from conference.agenda.services import SessionData

    ws = factories.SessionFactory(capacity=1)
    (u1, p1), (u2, p2) = attendee(), attendee()
    signups.sign_up(ws.id, p1.id, u1.id)
    waiting = signups.sign_up(ws.id, p2.id, u2.id)
    services.save_session(
        SessionData(
            code=ws.code,
            kind="workshop",
            title_en=ws.title_en,
            starts_at=ws.starts_at,
            ends_at=ws.ends_at,
            room_id=ws.room_id,
            capacity=2,
            needs_signup=True,
        ),
        session_id=ws.id,
    )
    db.session.refresh(waiting)
    assert waiting.status == "confirmed"
    with pytest.raises(DomainError) as exc:
        services.save_session(
            SessionData(
                code=ws.code,
                kind="workshop",
                title_en=ws.title_en,
                starts_at=ws.starts_at,
                ends_at=ws.ends_at,
                room_id=ws.room_id,
                capacity=1,
            ),
            session_id=ws.id,
        )
    assert "2 people already have a confirmed seat" in exc.value.message


def test_no_overbooking_with_real_parallel_connections(fresh_app):
    """Thirty requests race for five seats on separate connections: exactly five get one."""
    with fresh_app.app_context():
        ws_id = factories.SessionFactory(capacity=5).id
        people = [(u.id, p.id) for u, p in (attendee() for _ in range(30))]
        db.session.commit()
        db.session.remove()

    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def book(user_id: int, participant_id: int) -> None:
        with fresh_app.app_context():
            try:
                barrier.wait()
                signups.sign_up(ws_id, participant_id, user_id)
            except BaseException as exc:  # collected and re-raised in the test thread
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=book, args=pair) for pair in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with fresh_app.app_context():
        counts = signups.seat_counts([ws_id])[ws_id]
        db.session.remove()
    assert counts == signups.SeatCount(confirmed=5, waitlisted=25)


def test_one_person_racing_into_two_overlapping_sessions_gets_only_one(fresh_app):
    with fresh_app.app_context():
        a = factories.SessionFactory(capacity=5).id
        b = factories.SessionFactory(capacity=5, room_code="R338").id
        user, person = attendee()
        uid, pid = user.id, person.id
        db.session.commit()
        db.session.remove()

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def book(session_id: int) -> None:
        with fresh_app.app_context():
            try:
                barrier.wait()
                outcomes.append(signups.sign_up(session_id, pid, uid).status)
            except Conflict as exc:
                outcomes.append(exc.code)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=book, args=(sid,)) for sid in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["confirmed", "overlap"]
