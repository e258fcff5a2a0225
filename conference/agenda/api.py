"""The agenda's JSON API: the programme, sign-up and cancellation, the room screen, the signing tally."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.agenda import services, signing, signups, speakers
from conference.agenda.models import ConferenceSession, SignatoryLevel, Signup
from conference.agenda.services import AgendaFilter
from conference.core.errors import DomainError
from conference.registration.services import participant_for_user

bp = Blueprint("agenda_api", __name__, url_prefix="/api/v1")
BOOKERS = (Role.PARTICIPANT, Role.FOCAL_POINT, Role.PROTOCOL_OFFICER)


def session_json(s: ConferenceSession, counts: signups.SeatCount | None = None) -> dict:
    return {
        "id": s.id,
        "code": s.code,
        "kind": s.kind,
        "title": {"en": s.title_en, "fr": s.title_fr, "vi": s.title_vi},
        "description": {"en": s.description_en, "fr": s.description_fr, "vi": s.description_vi},
        "starts_at": s.starts_at.isoformat(),
        "ends_at": s.ends_at.isoformat(),
        "room": {"code": s.room.code, "name": s.room.name} if s.room else None,
        "languages": s.languages,
        "interpretation": s.interpretation,
        "topics": s.topics,
        "organisers": s.organisers,
        "speakers": s.guest_speakers,
        "capacity": s.effective_capacity,
        "zone": s.zone_code,
        "needs_signup": s.needs_signup,
        "confirmed": counts.confirmed if counts else 0,
        "waitlisted": counts.waitlisted if counts else 0,
        "url": url_for("agenda.session_page", session_id=s.id, _external=True),
    }


def signup_json(row: Signup) -> dict:
    return {
        "session_id": row.session_id,
        "participant_id": row.participant_id,
        "status": row.status,
        "waiting_position": signups.waiting_position(row),
    }


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    days = services.event_days()
    if value.isdigit() and 1 <= int(value) <= len(days):
        return days[int(value) - 1]
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError("bad_day", "day is a date (YYYY-MM-DD) or the event day's number (1, 2).") from None


@bp.route("/sessions")
@public
def sessions():
    found = services.find_sessions(AgendaFilter(day=_day(request.args.get("day")), kind=request.args.get("kind")))
    counts = signups.seat_counts([s.id for s in found])
    return jsonify(sessions=[session_json(s, counts.get(s.id)) for s in found])


@bp.route("/sessions/<int:session_id>")
@public
def session_detail(session_id: int):
    s = services.get_session(session_id)
    return jsonify(session_json(s, signups.seat_counts([s.id]).get(s.id)))


def _participant_id() -> int:
    body = request.get_json(silent=True) or {}
    value = body.get("participant_id") or request.args.get("participant_id")
    if value:
        try:
            return int(value)
        except (TypeError, ValueError):
            raise DomainError("bad_participant", "participant_id must be a number.") from None
    own = participant_for_user(current_user.id)
    if own is None:
        raise DomainError("no_participant", "Your account is not linked to a registered participant.")
    return own.id


@bp.route("/sessions/<int:session_id>/signups", methods=["POST"])
@roles_required(*BOOKERS)
def sign_up(session_id: int):
    row = signups.sign_up(session_id, _participant_id(), current_user.id)
    return jsonify(signup_json(row)), 201


@bp.route("/sessions/<int:session_id>/signups", methods=["DELETE"])
@roles_required(*BOOKERS)
def cancel(session_id: int):
    row = signups.cancel(session_id, _participant_id(), current_user.id)
    return jsonify(signup_json(row))


@bp.route("/sessions/<int:session_id>/speakers")
@public
def speakers_screen(session_id: int):
    return jsonify(speakers.screen_state(session_id))


@bp.route("/signatures")
@public
def signatures():
    rows = signing.signatures()
    return jsonify(
        count=len(rows),
        signatures=[
            {
                "party": s.party_name,
                "party_code": s.party_code,
                "signed_at": s.signed_at.isoformat(),
                "level": s.level,
                "level_label": SignatoryLevel(s.level).label,
            }
            for s in rows
        ],
    )


_ERRORS = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_SESSION_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
_PARTICIPANT = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "participant_id": {
                        "type": "integer",
                        "description": "Whom to book (a focal point books a member); default: your own participant.",
                    }
                },
            }
        }
    }
}
_SIGNUP_OK = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Signup"}}}}

OPENAPI_PATHS = {
    "/api/v1/sessions": {
        "get": {
            "summary": "The programme (public)",
            "tags": ["agenda"],
            "security": [],
            "parameters": [
                {
                    "name": "day",
                    "in": "query",
                    "schema": {"type": "string"},
                    "description": "YYYY-MM-DD in venue time, or the day's number (1, 2)",
                },
                {
                    "name": "kind",
                    "in": "query",
                    "schema": {
                        "type": "string",
                        "enum": [
                            "welcome",
                            "plenary",
                            "signing",
                            "panel",
                            "workshop",
                            "press",
                            "bilateral",
                            "social",
                        ],
                    },
                },
            ],
            "responses": {
                "200": {
                    "description": "Sessions in time order",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "sessions": {"type": "array", "items": {"$ref": "#/components/schemas/Session"}}
                                },
                            }
                        }
                    },
                },
                "400": _ERRORS,
            },
        }
    },
    "/api/v1/sessions/{id}": {
        "get": {
            "summary": "One session (public)",
            "tags": ["agenda"],
            "security": [],
            "parameters": [_SESSION_ID],
            "responses": {
                "200": {
                    "description": "The session",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}},
                },
                "404": _ERRORS,
            },
        }
    },
    "/api/v1/sessions/{id}/signups": {
        "post": {
            "summary": "Sign up for a session (a seat, or the waiting list when full)",
            "tags": ["agenda"],
            "parameters": [_SESSION_ID],
            "requestBody": _PARTICIPANT,
            "responses": {
                "201": {"description": "Confirmed or waitlisted", **_SIGNUP_OK},
                "400": _ERRORS,
                "401": _ERRORS,
                "403": _ERRORS,
                "404": _ERRORS,
                "409": _ERRORS,
            },
        },
        "delete": {
            "summary": "Cancel a sign-up; the seat goes to the first person waiting",
            "tags": ["agenda"],
            "parameters": [
                _SESSION_ID,
                {"name": "participant_id", "in": "query", "schema": {"type": "integer"}},
            ],
            "responses": {"200": {"description": "Cancelled", **_SIGNUP_OK}, "403": _ERRORS, "404": _ERRORS},
        },
    },
    "/api/v1/sessions/{id}/speakers": {
        "get": {
            "summary": "The plenary's list of speakers as the room screen shows it (public)",
            "tags": ["agenda"],
            "security": [],
            "parameters": [_SESSION_ID],
            "responses": {"200": {"description": "Current speaker, timer and who is next"}, "404": _ERRORS},
        }
    },
    "/api/v1/signatures": {
        "get": {
            "summary": "Signatures of the Convention so far (public)",
            "tags": ["agenda"],
            "security": [],
            "responses": {"200": {"description": "The tally and the list in order of signature"}},
        }
    },
}

OPENAPI_SCHEMAS = {
    "Session": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "code": {"type": "string"},
            "kind": {"type": "string"},
            "title": {"type": "object", "additionalProperties": {"type": "string"}},
            "description": {"type": "object", "additionalProperties": {"type": "string"}},
            "starts_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"},
            "room": {"type": "object", "nullable": True},
            "languages": {"type": "array", "items": {"type": "string"}},
            "interpretation": {"type": "array", "items": {"type": "string"}},
            "topics": {"type": "array", "items": {"type": "string"}},
            "organisers": {"type": "array", "items": {"type": "string"}},
            "speakers": {"type": "array", "items": {"type": "string"}},
            "capacity": {"type": "integer", "nullable": True},
            "zone": {"type": "string", "nullable": True},
            "needs_signup": {"type": "boolean"},
            "confirmed": {"type": "integer"},
            "waitlisted": {"type": "integer"},
            "url": {"type": "string"},
        },
    },
    "Signup": {
        "type": "object",
        "properties": {
            "session_id": {"type": "integer"},
            "participant_id": {"type": "integer"},
            "status": {"type": "string", "enum": ["confirmed", "waitlisted", "cancelled"]},
            "waiting_position": {"type": "integer", "nullable": True},
        },
    },
}
