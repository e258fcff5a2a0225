"""Badge state for scanners: is a serial still good, and the revocation list to cache offline."""

from __future__ import annotations

import base64

from flask import Blueprint
from pydantic import Field

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.badges import services, tokens
from conference.core.api import answers, api
from conference.core.errors import NotFound
from conference.core.schemas import Out

bp = Blueprint("badges_api", __name__, url_prefix="/api/v1")
READERS = (Role.SCANNER, Role.ACCREDITATION_OFFICER)


class BadgeStateOut(Out):
    """A code is good only if its serial equals ``current_serial`` and ``status`` is active."""

    badge_id: int
    participant_id: int
    current_serial: int
    status: str = Field(examples=["active", "revoked"])
    revoked_serials: list[int]


class RevocationsOut(Out):
    public_keys: dict[str, str] = Field(description="Key id → raw Ed25519 public key, base64.")
    badges: list[BadgeStateOut]


@bp.route("/badges/<int:badge_id>/state")
@roles_required(*READERS)
@api.validate(resp=answers(HTTP_200=BadgeStateOut), tags=["badges"])
def badge_state(badge_id: int):
    """Current serial, status and revoked serials of one badge (scanners, accreditation officers)."""
    state = services.badge_state(badge_id)
    if state is None:
        raise NotFound("badge_not_found", "No such badge.")
    return BadgeStateOut.model_validate(state)


@bp.route("/badges/revocations")
@roles_required(*READERS)
@api.validate(resp=answers(HTTP_200=RevocationsOut), tags=["badges"])
def revocations():
    """Public keys and every badge with a revoked serial, for scanners working offline."""
    keys = {str(kid): base64.b64encode(raw).decode() for kid, raw in tokens.keyring().public_raw().items()}
    return RevocationsOut(public_keys=keys, badges=[BadgeStateOut.model_validate(s) for s in services.revocations()])
