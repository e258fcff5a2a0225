"""The exhibition's JSON API: booths and exhibitors (public) and an exhibitor's own leads.

Booth staff scan badges through the scanning API (POST /api/v1/scans at their booth's checkpoint);
the scanning domain's ``booth_scanned`` signal records the visit and the lead. Answers are the schemas
of ``schemas.py``; the OpenAPI document is generated from them.
"""

from __future__ import annotations

from flask import Blueprint, url_for
from flask_login import current_user

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.core.api import answers, api
from conference.core.errors import DomainError
from conference.exhibition import services
from conference.exhibition.errors import ExhibitionError
from conference.exhibition.models import Booth, Exhibitor
from conference.exhibition.schemas import BoothOut, ExhibitorOut, ExhibitorQuery, ExhibitorRef, LeadOut

bp = Blueprint("exhibition_api", __name__, url_prefix="/api/v1")
TAGS = ["exhibition"]


def _ref(exhibitor: Exhibitor | None) -> ExhibitorRef | None:
    if exhibitor is None:
        return None
    url = url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id)
    return ExhibitorRef(id=exhibitor.id, name=exhibitor.organisation_name, url=url)


def _booth(booth: Booth, exhibitor: Exhibitor | None) -> BoothOut:
    return BoothOut(
        code=booth.code,
        x=booth.x,
        y=booth.y,
        width=booth.width,
        height=booth.height,
        size_sqm=booth.size_sqm,
        zone=booth.zone_code,
        theme=booth.theme,
        power=booth.power,
        network=booth.network,
        furniture=booth.furniture,
        exhibitor=_ref(exhibitor),
    )


def exhibitor_out(exhibitor: Exhibitor) -> ExhibitorOut:
    allocation = exhibitor.allocation
    return ExhibitorOut(
        id=exhibitor.id,
        name=exhibitor.organisation_name,
        kind=exhibitor.kind,
        theme=exhibitor.theme,
        website=exhibitor.website or None,
        description={"en": exhibitor.description_en, "fr": exhibitor.description_fr, "vi": exhibitor.description_vi},
        booth=allocation.booth.code if allocation else None,
        logo_url=url_for("exhibition.logo", exhibitor_id=exhibitor.id) if exhibitor.logo_path else None,
        url=url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id),
    )


@bp.get("/booths")
@public
@api.validate(resp=answers(HTTP_200=list[BoothOut]), tags=TAGS, security={})
def booths():
    """All booths by code, with their position and, once allocated, their exhibitor."""
    occupants = services.occupants()
    return [_booth(b, occupants.get(b.id)) for b in services.list_booths()]


@bp.get("/exhibitors")
@public
@api.validate(query=ExhibitorQuery, resp=answers(HTTP_200=list[ExhibitorOut]), tags=TAGS, security={})
def exhibitors(query: ExhibitorQuery):
    """Approved exhibitors (the public directory) by name."""
    return [exhibitor_out(e) for e in services.public_exhibitors(query.q, query.theme)]


@bp.get("/exhibitors/<int:exhibitor_id>/leads")
@roles_required(Role.EXHIBITOR)
@api.validate(resp=answers(HTTP_200=list[LeadOut]), tags=TAGS)
def leads(exhibitor_id: int):
    """The leads of the caller's own exhibitor, most recent first (404 for any other, organisers too)."""
    own = services.exhibitor_of_user(current_user.id)
    if own is None or own.id != exhibitor_id:  # leads belong to the exhibitor alone
        raise DomainError(ExhibitionError.EXHIBITOR_NOT_FOUND)
    return [LeadOut.model_validate(lead) for lead in services.leads_of(exhibitor_id)]
