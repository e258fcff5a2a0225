"""Badge state for scanners: is a serial still good, and the revocation list to cache offline."""

from __future__ import annotations

import base64

from flask import Blueprint

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.badges import services, tokens
from conference.badges.errors import BadgeError
from conference.badges.schemas import BadgeStateOut, RevocationsOut
from conference.core.api import answers, api
from conference.core.errors import DomainError

bp = Blueprint("badges_api", __name__, url_prefix="/api/v1")
READERS = (Role.SCANNER, Role.ACCREDITATION_OFFICER)


@bp.route("/badges/<int:badge_id>/state")
@roles_required(*READERS)
@api.validate(resp=answers(HTTP_200=BadgeStateOut), tags=["badges"])
def badge_state(badge_id: int):
    """Current serial, status and revoked serials of one badge (scanners, accreditation officers)."""
    state = services.badge_state(badge_id)
    if state is None:
        raise DomainError(BadgeError.BADGE_NOT_FOUND)
    return BadgeStateOut.model_validate(state)


@bp.route("/badges/revocations")
@roles_required(*READERS)
@api.validate(resp=answers(HTTP_200=RevocationsOut), tags=["badges"])
def revocations():
    """Public keys and every badge with a revoked serial, for scanners working offline."""
    keys = {str(kid): base64.b64encode(raw).decode() for kid, raw in tokens.keyring().public_raw().items()}
    return RevocationsOut(public_keys=keys, badges=[BadgeStateOut.model_validate(s) for s in services.revocations()])
