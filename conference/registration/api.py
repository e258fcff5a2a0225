"""JSON API for delegations and participants: list, read, create, workflow transitions.

Session cookie (with ``X-CSRFToken``) or ``Authorization: Bearer <token>``. Object-level access is
the same as on the pages: a focal point sees only their delegations (others are 404).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask_login import current_user

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.core.errors import DomainError
from conference.registration import access, queue, records, services, workflow
from conference.registration.models import Delegation, DelegationType

bp = Blueprint("registration_api", __name__, url_prefix="/api/v1")
MANAGERS = (Role.FOCAL_POINT, Role.PARTICIPANT, Role.ACCREDITATION_OFFICER)
ACTIONS = {"submit", "approve", "reject", "request-changes", "cancel"}


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise DomainError("bad_json", "Send a JSON object.")
    return data


def delegation_dict(d: Delegation) -> dict[str, Any]:
    return {
        "id": d.id,
        "type": d.type,
        "name": d.name,
        "country_iso3": d.country_iso3,
        "organisation_code": d.organisation_code,
        "address": d.address,
        "status": d.status,
        "head_of_delegation_id": d.head_of_delegation_id,
        "self_registered": d.self_registered,
        "missing_documents": services.missing_documents(d),
        "documents": [
            {"id": doc.id, "kind": doc.kind, "filename": doc.filename} for doc in services.documents_of(d.id)
        ],
    }


def _participant(p) -> dict[str, Any]:
    return records.record_dict(p, sensitive=access.can_see_sensitive(current_user))


@bp.route("/delegations")
@roles_required(*MANAGERS)
def list_delegations():
    return jsonify(items=[delegation_dict(d) for d in services.list_delegations(current_user.id)])


@bp.route("/delegations", methods=["POST"])
@roles_required(Role.FOCAL_POINT, Role.ACCREDITATION_OFFICER)
def create_delegation():
    d = services.create_delegation(current_user.id, _body())
    return jsonify(delegation_dict(d)), 201


@bp.route("/delegations/<int:delegation_id>")
@roles_required(*MANAGERS)
def get_delegation(delegation_id: int):
    d = services.get_delegation(current_user.id, delegation_id)
    data = delegation_dict(d)
    data["members"] = [_participant(p) for p in services.members_of(d.id)]
    return jsonify(data)


@bp.route("/delegations/<int:delegation_id>/participants", methods=["POST"])
@roles_required(*MANAGERS)
def add_participant(delegation_id: int):
    p = services.add_member(current_user.id, delegation_id, _body())
    return jsonify(_participant(p)), 201


@bp.route("/delegations/<int:delegation_id>/submit", methods=["POST"])
@roles_required(*MANAGERS)
def submit_delegation(delegation_id: int):
    result = workflow.submit_delegation(current_user.id, delegation_id)
    return jsonify(submitted=result.done)


@bp.route("/participants")
@roles_required(*MANAGERS)
def list_participants():
    if access.is_officer(current_user):
        filters = queue.Filters.from_args(request.args)
        page = queue.search(filters, page=request.args.get("page", 1, type=int))
        return jsonify(items=[_participant(p) for p in page.items], total=page.total, page=page.page, pages=page.pages)
    items = [p for d in services.delegations_of_focal_point(current_user.id) for p in services.members_of(d.id)]
    status = request.args.get("status")
    if status:
        items = [p for p in items if p.status == status]
    return jsonify(items=[_participant(p) for p in items], total=len(items), page=1, pages=1)


@bp.route("/participants/<int:participant_id>")
@roles_required(*MANAGERS)
def get_participant(participant_id: int):
    return jsonify(_participant(services.view_participant(current_user.id, participant_id)))


@bp.route("/participants/<int:participant_id>", methods=["PATCH"])
@roles_required(*MANAGERS)
def update_participant(participant_id: int):
    return jsonify(_participant(services.update_participant(current_user.id, participant_id, _body())))


@bp.route("/participants/<int:participant_id>/<action>", methods=["POST"])
@roles_required(*MANAGERS)
def transition(participant_id: int, action: str):
    if action not in ACTIONS:
        raise DomainError("unknown_action", f"Unknown action {action!r}.")
    message = (request.get_json(silent=True) or {}).get("message")
    p = workflow.transition(current_user.id, participant_id, action.replace("-", "_"), message)
    return jsonify(_participant(p))


def _op(summary: str, *, body: str | None = None, response: str = "Participant", status: str = "200") -> dict:
    op: dict[str, Any] = {
        "summary": summary,
        "tags": ["registration"],
        "responses": {
            status: {
                "description": "OK",
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{response}"}}},
            },
            "400": {
                "description": "Invalid input",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
            "404": {"description": "Not found (or not yours)"},
            "409": {"description": "Duplicate (the clash is named)"},
        },
    }
    if body:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
        }
    return op


_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
OPENAPI_PATHS = {
    "/api/v1/delegations": {
        "get": _op("Delegations I manage (all for officers)", response="DelegationList"),
        "post": _op("Register a delegation", body="DelegationInput", response="Delegation", status="201"),
    },
    "/api/v1/delegations/{id}": {
        "parameters": [_ID],
        "get": _op("A delegation with its members", response="Delegation"),
    },
    "/api/v1/delegations/{id}/participants": {
        "parameters": [_ID],
        "post": _op("Add a member (draft)", body="ParticipantInput", status="201"),
    },
    "/api/v1/delegations/{id}/submit": {
        "parameters": [_ID],
        "post": _op("Submit every draft member", response="Submitted"),
    },
    "/api/v1/participants": {
        "get": {
            **_op("Participants I may see; officers filter like the queue", response="ParticipantList"),
            "parameters": [
                {"name": n, "in": "query", "schema": {"type": "string"}}
                for n in ("status", "delegation_type", "category", "region", "q", "page")
            ],
        }
    },
    "/api/v1/participants/{id}": {
        "parameters": [_ID],
        "get": _op("A participant (sensitive fields only for officers)"),
        "patch": _op("Change fields (while editable)", body="ParticipantInput"),
    },
    "/api/v1/participants/{id}/{action}": {
        "parameters": [
            _ID,
            {"name": "action", "in": "path", "required": True, "schema": {"type": "string", "enum": sorted(ACTIONS)}},
        ],
        "post": _op("A workflow transition (message required to reject or request changes)", body="TransitionInput"),
    },
}
_STR = {"type": "string"}
_DATE = {"type": "string", "format": "date", "nullable": True}
_PARTICIPANT_PROPS = {
    "given_names": _STR,
    "family_name": _STR,
    "badge_name": _STR,
    "title": _STR,
    "category_code": _STR,
    "nationality_iso3": _STR,
    "passport_number": _STR,
    "passport_expiry": _DATE,
    "date_of_birth": _DATE,
    "email": _STR,
    "phone": _STR,
    "arrival_date": _DATE,
    "departure_date": _DATE,
    "accessibility_needs": _STR,
    "consent_photo_publication": {"type": "boolean"},
    "consent_share_contact": {"type": "boolean"},
}
OPENAPI_SCHEMAS = {
    "DelegationInput": {
        "type": "object",
        "required": ["type", "address"],
        "properties": {
            "type": {"type": "string", "enum": sorted(t.value for t in DelegationType)},
            "country_iso3": _STR,
            "organisation_code": _STR,
            "name": _STR,
            "address": _STR,
        },
    },
    "Delegation": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "type": _STR,
            "name": _STR,
            "status": _STR,
            "missing_documents": {"type": "array", "items": _STR},
            "members": {"type": "array", "items": {"$ref": "#/components/schemas/Participant"}},
        },
    },
    "DelegationList": {
        "type": "object",
        "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Delegation"}}},
    },
    "ParticipantInput": {
        "type": "object",
        "required": ["given_names", "family_name", "category_code"],
        "properties": {**_PARTICIPANT_PROPS, "consent": {"type": "boolean"}},
    },
    "Participant": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "delegation_id": {"type": "integer", "nullable": True},
            "status": {
                "type": "string",
                "enum": ["draft", "submitted", "changes_requested", "approved", "rejected", "cancelled"],
            },
            "status_message": {"type": "string", "nullable": True},
            "has_photo": {"type": "boolean"},
            **_PARTICIPANT_PROPS,
        },
    },
    "ParticipantList": {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Participant"}},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
        },
    },
    "TransitionInput": {"type": "object", "properties": {"message": _STR}},
    "Submitted": {"type": "object", "properties": {"submitted": {"type": "array", "items": {"type": "integer"}}}},
}
