"""The scanning API: ``POST /api/v1/scans`` and the offline roster, for the scanner page and hand-held apps.

Devices authenticate with a bearer token (one per device, see the device-token page) or the staff
session. Token look-ups are cached per process for ``TOKEN_TTL`` seconds to keep a scan at one or
two queries; a revoked token therefore stops working within that time.
"""

from __future__ import annotations

import hashlib
import time

from flask import Blueprint, current_app, g
from flask_login import current_user

from conference.accounts.guards import request_api_token, roles_required
from conference.accounts.roles import Role
from conference.accounts.services import api_token_holder
from conference.core.api import answers, api
from conference.extensions import db
from conference.scanning import queries, services
from conference.scanning.schemas import OccupancyOut, RosterOut, RosterQuery, ScanIn, ScanOut

bp = Blueprint("scanning_api", __name__, url_prefix="/api/v1")

SCAN_ROLES = (Role.SCANNER, Role.EXHIBITOR, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER)
ROSTER_ROLES = (Role.SCANNER, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER)
TOKEN_TTL = 30.0


@bp.before_request
def cached_token_user() -> None:
    """Resolve a bearer token through accounts' one look-up, kept in a small per-process cache
    (token hash → user and device name, for TOKEN_TTL s)."""
    token = request_api_token()
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


@bp.route("/scans", methods=["POST"])
@roles_required(*SCAN_ROLES)
@api.validate(json=ScanIn, resp=answers(HTTP_201=ScanOut, HTTP_200=ScanOut), tags=["scanning"])
def create_scan(json: ScanIn):
    """Scan a badge at a checkpoint: 201 with the verdict (refusals are verdicts too), or 200 with the
    first verdict when this ``client_scan_id`` was recorded before."""
    services.check_checkpoint_access(current_user, json.checkpoint)
    result = services.perform_scan(
        json.checkpoint,
        json.code,
        badge_id=json.badge_id,
        client_scan_id=json.client_scan_id,
        staff_user_id=current_user.id,
        scanned_at=json.scanned_at,
        device=json.device or g.get("device_name") or "",
        offline=json.offline,
    )
    return ScanOut.model_validate(result.as_json()), 200 if result.duplicate else 201


@bp.route("/scanner/roster")
@roles_required(*ROSTER_ROLES)
@api.validate(query=RosterQuery, resp=answers(HTTP_200=RosterOut), tags=["scanning"])
def roster(query: RosterQuery):
    """The offline roster for scanners: badges changed since ``since`` (all without it) and the public keys."""
    return RosterOut.model_validate(queries.roster(query.since))


@bp.route("/scanning/occupancy")
@roles_required(Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER, Role.SCANNER)
@api.validate(resp=answers(HTTP_200=OccupancyOut), tags=["scanning"])
def occupancy():
    """Who is inside now, per zone and per room."""
    return OccupancyOut(zones=queries.zone_occupancy(), rooms=queries.room_occupancy())
