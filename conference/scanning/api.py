"""The scanning API: ``POST /api/v1/scans`` and the offline roster, for the scanner page and hand-held apps.

Devices authenticate with a bearer token (one per device, see the device-token page) or the staff
session. Token look-ups are cached per process for ``TOKEN_TTL`` seconds to keep a scan at one or
two queries; a revoked token therefore stops working within that time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user

from conference.accounts.auth import bearer_token
from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.accounts.services import api_token_holder
from conference.core.errors import DomainError, Forbidden
from conference.extensions import db
from conference.scanning import queries, services
from conference.scanning.models import Reason

bp = Blueprint("scanning_api", __name__, url_prefix="/api/v1")

SCAN_ROLES = (Role.SCANNER, Role.EXHIBITOR, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER)
ROSTER_ROLES = (Role.SCANNER, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER)
TOKEN_TTL = 30.0


@bp.before_request
def cached_token_user() -> None:
    """Resolve a bearer token through accounts' one look-up, kept in a small per-process cache
    (token hash → user and device name, for TOKEN_TTL s)."""
    token = bearer_token()
    if token is None:
        return
    digest = hashlib.sha256(token.encode()).hexdigest()
    cache: dict = current_app.extensions.setdefault("scanning_token_cache", {})
    hit = cache.get(digest)
    if hit is None or hit[0] < time.monotonic():
        holder = api_token_holder(token)
        if holder is not None:
            db.session.expunge(holder[0])
        hit = (time.monotonic() + TOKEN_TTL, *(holder or (None, "")))
        cache[digest] = hit
    if hit[1] is None:
        g.pop("_login_user", None)  # flask_login then tries the token itself and answers 401
        return
    g._login_user = hit[1]  # what flask_login.current_user returns for this request
    g.api_token_auth = True
    g.device_name = hit[2]


def _parse_time(value: object) -> dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise DomainError("bad_time", "scanned_at must be an ISO 8601 date-time.") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@bp.route("/scans", methods=["POST"])
@roles_required(*SCAN_ROLES)
def create_scan():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise DomainError("bad_request", "Send a JSON object.")
    try:
        checkpoint_id = int(data.get("checkpoint"))
        badge_id = int(data["badge_id"]) if data.get("badge_id") not in (None, "") else None
    except (TypeError, ValueError) as exc:
        raise DomainError("bad_request", "checkpoint (and badge_id, if given) must be numbers.") from exc
    if badge_id is None and not isinstance(data.get("code"), str):
        raise DomainError("bad_request", "Send the scanned code (or a badge_id for a manual pick).")
    if not services.may_use_checkpoint(current_user, checkpoint_id):
        raise Forbidden("checkpoint_forbidden", "You may not scan at this checkpoint.")
    result = services.perform_scan(
        checkpoint_id,
        data.get("code"),
        badge_id=badge_id,
        client_scan_id=str(data.get("client_scan_id") or ""),
        staff_user_id=current_user.id,
        scanned_at=_parse_time(data.get("scanned_at")),
        device=str(data.get("device") or g.get("device_name") or ""),
        offline=bool(data.get("offline")),
    )
    db.session.commit()
    return jsonify(result.as_json()), 200 if result.duplicate else 201


@bp.route("/scanner/roster")
@roles_required(*ROSTER_ROLES)
def roster():
    return jsonify(queries.roster(_parse_time(request.args.get("since"))))


@bp.route("/scanning/occupancy")
@roles_required(Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER, Role.SCANNER)
def occupancy():
    return jsonify(zones=queries.zone_occupancy(), rooms=queries.room_occupancy())


_PARTICIPANT = {
    "type": "object",
    "nullable": True,
    "properties": {
        "id": {"type": "integer"},
        "badge_id": {"type": "integer"},
        "number": {"type": "string", "example": "HN000042"},
        "name": {"type": "string"},
        "title": {"type": "string"},
        "delegation": {"type": "string"},
        "category": {"type": "string"},
        "colour": {"type": "string", "example": "#C8102E"},
        "letter": {"type": "string"},
        "photo_url": {"type": "string", "nullable": True},
    },
}
OPENAPI_SCHEMAS = {
    "ScanRequest": {
        "type": "object",
        "required": ["checkpoint", "client_scan_id"],
        "properties": {
            "checkpoint": {"type": "integer"},
            "code": {"type": "string", "description": "The text read from the badge QR (HC1:…)."},
            "badge_id": {"type": "integer", "description": "Instead of code: a badge picked by hand."},
            "client_scan_id": {"type": "string", "maxLength": 64, "description": "Unique per scan (a UUID)."},
            "scanned_at": {"type": "string", "format": "date-time", "description": "The device's clock."},
            "device": {"type": "string"},
            "offline": {"type": "boolean", "description": "The scan was queued while offline."},
        },
    },
    "ScanVerdict": {
        "type": "object",
        "required": ["verdict", "reason", "message"],
        "properties": {
            "verdict": {"type": "string", "enum": ["accepted", "refused"]},
            "reason": {"type": "string", "enum": [r.value for r in Reason]},
            "message": {"type": "string"},
            "colour": {"type": "string", "enum": ["green", "amber", "red"]},
            "participant": _PARTICIPANT,
            "scan_id": {"type": "integer"},
            "checkpoint": {"type": "integer"},
            "scanned_at": {"type": "string", "format": "date-time"},
            "duplicate": {"type": "boolean", "description": "This client_scan_id was recorded before."},
            "collected": {
                "type": "string",
                "enum": ["now", "already", "not_printed", "revoked"],
                "description": "Accreditation desk only: was the badge handed over now?",
            },
        },
    },
    "Roster": {
        "type": "object",
        "properties": {
            "synced_at": {"type": "string", "format": "date-time", "description": "Pass as since next time."},
            "full": {"type": "boolean"},
            "keys": {"type": "object", "additionalProperties": {"type": "string", "description": "hex raw Ed25519"}},
            "badges": {"type": "array", "items": {"type": "object"}},
        },
    },
}
OPENAPI_PATHS = {
    "/api/v1/scans": {
        "post": {
            "summary": "Scan a badge at a checkpoint (idempotent by client_scan_id)",
            "tags": ["scanning"],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScanRequest"}}},
            },
            "responses": {
                "201": {
                    "description": "Recorded; the verdict (refusals are verdicts too)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScanVerdict"}}},
                },
                "200": {
                    "description": "Already recorded: the first verdict again",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScanVerdict"}}},
                },
                "400": {"description": "Malformed request"},
                "403": {"description": "Not allowed at this checkpoint"},
                "404": {"description": "No such checkpoint"},
            },
        }
    },
    "/api/v1/scanner/roster": {
        "get": {
            "summary": "The offline roster for scanners (incremental with since)",
            "tags": ["scanning"],
            "parameters": [
                {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
            ],
            "responses": {
                "200": {
                    "description": "Badges changed since then (all without since) and the public keys",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Roster"}}},
                }
            },
        }
    },
    "/api/v1/scanning/occupancy": {
        "get": {
            "summary": "Who is inside now, per zone and per room",
            "tags": ["scanning"],
            "responses": {"200": {"description": "{zones: {code: n}, rooms: {code: n}}"}},
        }
    },
}
