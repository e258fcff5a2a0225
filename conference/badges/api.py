"""Badge state for scanners: is a serial still good, and the revocation list to cache offline."""

from __future__ import annotations

import base64
from dataclasses import asdict

from flask import Blueprint, jsonify

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.badges import services, tokens
from conference.core.errors import NotFound

bp = Blueprint("badges_api", __name__, url_prefix="/api/v1")
READERS = (Role.SCANNER, Role.ACCREDITATION_OFFICER)


def _plain(state: services.BadgeState) -> dict:
    data = asdict(state)
    data["revoked_serials"] = list(state.revoked_serials)
    return data


@bp.route("/badges/<int:badge_id>/state")
@roles_required(*READERS)
def badge_state(badge_id: int):
    state = services.badge_state(badge_id)
    if state is None:
        raise NotFound("badge_not_found", "No such badge.")
    return jsonify(_plain(state))


@bp.route("/badges/revocations")
@roles_required(*READERS)
def revocations():
    keys = {str(kid): base64.b64encode(raw).decode() for kid, raw in tokens.keyring().public_raw().items()}
    return jsonify(public_keys=keys, badges=[_plain(s) for s in services.revocations()])


_STATE = {"$ref": "#/components/schemas/BadgeState"}
_ERROR = {
    "description": "No such badge",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
OPENAPI_SCHEMAS = {
    "BadgeState": {
        "type": "object",
        "description": "A code is good only if its serial equals current_serial and status is active.",
        "required": ["badge_id", "participant_id", "current_serial", "status", "revoked_serials"],
        "properties": {
            "badge_id": {"type": "integer"},
            "participant_id": {"type": "integer"},
            "current_serial": {"type": "integer"},
            "status": {"type": "string", "enum": ["active", "revoked"]},
            "revoked_serials": {"type": "array", "items": {"type": "integer"}},
        },
    }
}
OPENAPI_PATHS = {
    "/api/v1/badges/{badge_id}/state": {
        "get": {
            "summary": "Current serial, status and revoked serials of one badge (scanners, accreditation officers)",
            "parameters": [{"name": "badge_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {
                "200": {"description": "The badge's state", "content": {"application/json": {"schema": _STATE}}},
                "404": _ERROR,
            },
        }
    },
    "/api/v1/badges/revocations": {
        "get": {
            "summary": "Public keys and every badge with a revoked serial, for scanners working offline",
            "responses": {
                "200": {
                    "description": "Revocation list",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "public_keys": {"type": "object", "additionalProperties": {"type": "string"}},
                                    "badges": {"type": "array", "items": _STATE},
                                },
                            }
                        }
                    },
                }
            },
        }
    },
}
