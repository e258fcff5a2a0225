"""The agenda's JSON API: the programme, sign-up and cancellation, the room screen, the signing tally,
and the orders dragged on the protocol officers' pages."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, url_for
from flask_login import current_user

from conference.accounts.guards import public, roles_required
from conference.agenda import clashes, services, signing, signups, speakers
from conference.agenda.blueprint import BOOKERS, OFFICERS
from conference.agenda.errors import AgendaError
from conference.agenda.models import ConferenceSession, SignatoryLevel, Signup
from conference.agenda.schemas import (
    OrderedOut,
    OrderIn,
    ScreenOut,
    SessionOut,
    SessionsOut,
    SessionsQuery,
    SignatureOut,
    SignaturesOut,
    SignupIn,
    SignupOut,
    SignupQuery,
)
from conference.agenda.services import AgendaFilter
from conference.core.api import answers, api
from conference.core.errors import CoreError, DomainError
from conference.registration.queries import participant_of_user

bp = Blueprint("agenda_api", __name__, url_prefix="/api/v1")
# Routes open to everyone say so in the document (no security requirement) with ``security={}``.


def session_out(s: ConferenceSession, counts: signups.SeatCount | None = None) -> SessionOut:
    return SessionOut(
        id=s.id,
        code=s.code,
        kind=s.kind,
        title={"en": s.title_en, "fr": s.title_fr, "vi": s.title_vi},
        description={"en": s.description_en, "fr": s.description_fr, "vi": s.description_vi},
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        room={"code": s.room.code, "name": s.room.name} if s.room else None,
        languages=s.languages,
        interpretation=s.interpretation,
        topics=s.topics,
        organisers=s.organisers,
        speakers=s.guest_speakers,
        capacity=s.effective_capacity,
        zone=s.zone_code,
        needs_signup=s.needs_signup,
        confirmed=counts.confirmed if counts else 0,
        waitlisted=counts.waitlisted if counts else 0,
        url=url_for("agenda.session_page", session_id=s.id, _external=True),
    )


def signup_out(row: Signup) -> SignupOut:
    return SignupOut(
        session_id=row.session_id,
        participant_id=row.participant_id,
        status=row.status,
        waiting_position=signups.waiting_position(row),
    )


def _day(value: dt.date | int | None) -> dt.date | None:
    if not isinstance(value, int):
        return value
    days = clashes.event_days()
    if not 1 <= value <= len(days):
        raise DomainError(CoreError.INVALID_INPUT, fields={"day": f"The event has {len(days)} days."})
    return days[value - 1]


@bp.route("/sessions")
@public
@api.validate(query=SessionsQuery, resp=answers(HTTP_200=SessionsOut), tags=["agenda"], security={})
def sessions(query: SessionsQuery):
    """The programme in time order, optionally of one day and one kind (public)."""
    found = services.find_sessions(AgendaFilter(day=_day(query.day), kind=query.kind))
    counts = signups.seat_counts([s.id for s in found])
    return SessionsOut(sessions=[session_out(s, counts.get(s.id)) for s in found])


@bp.route("/sessions/<int:session_id>")
@public
@api.validate(resp=answers(HTTP_200=SessionOut), tags=["agenda"], security={})
def session_detail(session_id: int):
    """One session (public)."""
    s = services.get_session(session_id)
    return session_out(s, signups.seat_counts([s.id]).get(s.id))


def _participant_id(given: int | None) -> int:
    """The participant named in the request, else the caller's own."""
    if given:
        return given
    own = participant_of_user(current_user.id)
    if own is None:
        raise DomainError(AgendaError.NO_PARTICIPANT)
    return own.id


@bp.route("/sessions/<int:session_id>/signups", methods=["POST"])
@roles_required(*BOOKERS)
@api.validate(json=SignupIn, resp=answers(HTTP_201=SignupOut), tags=["agenda"])
def sign_up(session_id: int, json: SignupIn):
    """Sign up for a session: a seat, or the waiting list when it is full."""
    row = signups.sign_up(session_id, _participant_id(json and json.participant_id), current_user.id)
    return signup_out(row), 201


@bp.route("/sessions/<int:session_id>/signups", methods=["DELETE"])
@roles_required(*BOOKERS)
@api.validate(query=SignupQuery, resp=answers(HTTP_200=SignupOut), tags=["agenda"])
def cancel(session_id: int, query: SignupQuery):
    """Cancel a sign-up; the seat goes to the first person waiting."""
    return signup_out(signups.cancel(session_id, _participant_id(query.participant_id), current_user.id))


@bp.route("/sessions/<int:session_id>/speakers")
@public
@api.validate(resp=answers(HTTP_200=ScreenOut), tags=["agenda"], security={})
def speakers_screen(session_id: int):
    """The plenary's list of speakers as the room screen shows it (public)."""
    return ScreenOut.model_validate(speakers.screen_state(session_id))


@bp.route("/sessions/<int:session_id>/speakers/order", methods=["POST"])
@roles_required(*OFFICERS)
@api.validate(json=OrderIn, resp=answers(HTTP_200=OrderedOut), tags=["agenda"])
def speakers_order(session_id: int, json: OrderIn):
    """Put the list of speakers in the order dragged in the console (every inscription id)."""
    speakers.set_order(session_id, json.order)
    return OrderedOut(ok=True)


@bp.route("/signing/order", methods=["POST"])
@roles_required(*OFFICERS)
@api.validate(json=OrderIn, resp=answers(HTTP_200=OrderedOut), tags=["agenda"])
def signing_order(json: OrderIn):
    """Put the parties in the signing order dragged on the desk (every declaration id; the host first)."""
    signing.set_order(json.order)
    return OrderedOut(ok=True)


@bp.route("/signatures")
@public
@api.validate(resp=answers(HTTP_200=SignaturesOut), tags=["agenda"], security={})
def signatures():
    """Signatures of the Convention so far, in order of signature (public)."""
    rows = signing.signatures()
    return SignaturesOut(
        count=len(rows),
        signatures=[
            SignatureOut(
                party=s.party_name,
                party_code=s.party_code,
                signed_at=s.signed_at,
                level=s.level,
                level_label=SignatoryLevel(s.level).label,
            )
            for s in rows
        ],
    )
