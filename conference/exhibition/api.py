"""The exhibition's JSON API: booths and exhibitors (public) and an exhibitor's own leads.

Booth staff scan badges through the scanning API (POST /api/v1/scans at their booth's checkpoint);
the scanning domain's ``booth_scanned`` signal records the visit and the lead."""

from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.core.errors import NotFound
from conference.exhibition import services

bp = Blueprint("exhibition_api", __name__, url_prefix="/api/v1")


def _booth_json(booth, exhibitor) -> dict:
    return {
        "code": booth.code,
        "x": booth.x,
        "y": booth.y,
        "width": booth.width,
        "height": booth.height,
        "size_sqm": booth.size_sqm,
        "zone": booth.zone_code,
        "theme": booth.theme,
        "power": booth.power,
        "network": booth.network,
        "furniture": booth.furniture,
        "exhibitor": None
        if exhibitor is None
        else {
            "id": exhibitor.id,
            "name": exhibitor.organisation_name,
            "url": url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id),
        },
    }


def exhibitor_json(exhibitor) -> dict:
    allocation = exhibitor.allocation
    return {
        "id": exhibitor.id,
        "name": exhibitor.organisation_name,
        "kind": exhibitor.kind,
        "theme": exhibitor.theme,
        "website": exhibitor.website or None,
        "description": {"en": exhibitor.description_en, "fr": exhibitor.description_fr, "vi": exhibitor.description_vi},
        "booth": allocation.booth.code if allocation else None,
        "logo_url": url_for("exhibition.logo", exhibitor_id=exhibitor.id) if exhibitor.logo_path else None,
        "url": url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id),
    }


@bp.get("/booths")
@public
def booths():
    occupants = services.occupants()
    return jsonify([_booth_json(b, occupants.get(b.id)) for b in services.list_booths()])


@bp.get("/exhibitors")
@public
def exhibitors():
    rows = services.public_exhibitors(request.args.get("q", ""), request.args.get("theme", ""))
    return jsonify([exhibitor_json(e) for e in rows])


@bp.get("/exhibitors/<int:exhibitor_id>/leads")
@roles_required(Role.EXHIBITOR)
def leads(exhibitor_id: int):
    own = services.exhibitor_of_user(current_user.id)
    if own is None or own.id != exhibitor_id:  # organisers too: leads belong to the exhibitor alone
        raise NotFound("exhibitor_not_found", "No such exhibitor among yours.")
    return jsonify(
        [
            {
                "name": lead.name,
                "title": lead.title,
                "organisation": lead.organisation,
                "email": lead.email,
                "phone": lead.phone,
                "visits": lead.visits,
                "first_scanned_at": lead.first_scanned_at.isoformat(),
                "last_scanned_at": lead.last_scanned_at.isoformat(),
            }
            for lead in services.leads_of(exhibitor_id)
        ]
    )


OPENAPI_SCHEMAS = {
    "Booth": {
        "type": "object",
        "description": "A booth on the Exhibition Hall's plan; positions and sizes in metres from the top-left corner.",
        "properties": {
            "code": {"type": "string", "example": "B07"},
            "x": {"type": "number"},
            "y": {"type": "number"},
            "width": {"type": "number"},
            "height": {"type": "number"},
            "size_sqm": {"type": "integer"},
            "zone": {"type": "string", "nullable": True},
            "theme": {"type": "string"},
            "power": {"type": "boolean"},
            "network": {"type": "boolean"},
            "furniture": {"type": "string"},
            "exhibitor": {
                "type": "object",
                "nullable": True,
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "url": {"type": "string"}},
            },
        },
    },
    "Exhibitor": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {
                "type": "string",
                "enum": ["country", "international_organisation", "tech_company", "research_institute"],
            },
            "theme": {"type": "string"},
            "website": {"type": "string", "nullable": True},
            "description": {
                "type": "object",
                "properties": {"en": {"type": "string"}, "fr": {"type": "string"}, "vi": {"type": "string"}},
            },
            "booth": {"type": "string", "nullable": True, "example": "B07"},
            "logo_url": {"type": "string", "nullable": True},
            "url": {"type": "string"},
        },
    },
    "Lead": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "title": {"type": "string"},
            "organisation": {"type": "string"},
            "email": {"type": "string"},
            "phone": {"type": "string"},
            "visits": {"type": "integer"},
            "first_scanned_at": {"type": "string", "format": "date-time"},
            "last_scanned_at": {"type": "string", "format": "date-time"},
        },
    },
}

OPENAPI_PATHS = {
    "/api/v1/booths": {
        "get": {
            "tags": ["exhibition"],
            "summary": "All booths with their position and, once allocated, their exhibitor",
            "security": [],
            "responses": {
                "200": {
                    "description": "Booths by code",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Booth"}}
                        }
                    },
                }
            },
        }
    },
    "/api/v1/exhibitors": {
        "get": {
            "tags": ["exhibition"],
            "summary": "Approved exhibitors (the public directory)",
            "security": [],
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Name or description"},
                {"name": "theme", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": {
                    "description": "Exhibitors by name",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Exhibitor"}}
                        }
                    },
                }
            },
        }
    },
    "/api/v1/exhibitors/{id}/leads": {
        "get": {
            "tags": ["exhibition"],
            "summary": "The leads of the caller's own exhibitor (404 for any other)",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {
                "200": {
                    "description": "Leads, most recent first",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Lead"}}
                        }
                    },
                },
                "404": {"description": "Not found"},
            },
        }
    },
}
