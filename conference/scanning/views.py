"""Scanning pages: the scanner page (with its service worker), photos, checkpoints and device tokens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.badges.queries import public_keys
from conference.core.errors import DomainError
from conference.core.timeutil import to_venue, venue_tz
from conference.core.uploads import stored_path
from conference.extensions import db
from conference.scanning import queries, services
from conference.scanning.forms import CheckpointForm, DeviceTokenForm, choices
from conference.scanning.models import Checkpoint, CheckpointKind, Reason, Reentry

bp = Blueprint("scanning", __name__, url_prefix="/scanning")

SCAN_ROLES = (Role.SCANNER, Role.EXHIBITOR, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER)


@bp.route("/")
@roles_required(*SCAN_ROLES)
def pick():
    return render_template(
        "scanning/pick.html", checkpoints=queries.checkpoints_for(current_user), kinds=CheckpointKind.labels()
    )


@bp.route("/scan/<int:checkpoint_id>")
@roles_required(*SCAN_ROLES)
def scanner(checkpoint_id: int):
    checkpoint = services.get_checkpoint(checkpoint_id)
    if not services.may_use_checkpoint(current_user, checkpoint.id):
        abort(403)
    return render_template(
        "scanning/scanner.html",
        checkpoint=checkpoint,
        config=queries.checkpoint_config(checkpoint),
        roster=current_user.has_role(Role.SCANNER, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER),
        reason_messages={r.value: services.reason_message(r) for r in Reason},
        public_keys={str(kid): raw.hex() for kid, raw in public_keys().items()},
    )


@bp.route("/sw.js")
@roles_required(*SCAN_ROLES)
def service_worker():
    script = (Path(current_app.static_folder) / "scanning" / "sw.js").read_text(encoding="utf-8")
    response = Response(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/scanning/"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/photo/<int:badge_id>")
@roles_required(*SCAN_ROLES)
def photo(badge_id: int):
    relative = queries.badge_photo_path(badge_id)
    if not relative:
        abort(404)
    return send_file(stored_path(relative), mimetype="image/jpeg", max_age=3600)


def _venue_local(value: dt.datetime | None) -> dt.datetime | None:
    """The form's naive venue-time value as UTC (an aware value is the unchanged stored one)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=venue_tz()).astimezone(dt.UTC)


@bp.route("/checkpoints", methods=["GET", "POST"])
@bp.route("/checkpoints/<int:checkpoint_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def checkpoints(checkpoint_id: int | None = None):
    current = services.get_checkpoint(checkpoint_id) if checkpoint_id else None
    form = CheckpointForm(obj=current)
    if current is not None and not form.is_submitted():
        form.opens_at.data = to_venue(current.opens_at).replace(tzinfo=None) if current.opens_at else None
        form.closes_at.data = to_venue(current.closes_at).replace(tzinfo=None) if current.closes_at else None
    form.set_choices(queries.form_choices())
    error = None
    if form.validate_on_submit():
        data = services.CheckpointData(
            name=form.name.data,
            kind=form.kind.data,
            direction=form.direction.data,
            zone_code=form.zone_code.data or None,
            session_id=form.session_id.data,
            booth_id=form.booth_id.data,
            opens_at=_venue_local(form.opens_at.data),
            closes_at=_venue_local(form.closes_at.data),
            reentry=form.reentry.data,
        )
        try:
            saved = services.save_checkpoint(checkpoint_id, data)
        except DomainError as exc:
            error = exc.message
        else:
            flash(_("Checkpoint “%(name)s” saved.", name=saved.name), "success")
            return redirect(url_for("scanning.checkpoints"))
    rows = db.session.scalars(select(Checkpoint).order_by(Checkpoint.kind, Checkpoint.name)).all()
    return render_template(
        "scanning/checkpoints.html",
        form=form,
        error=error,
        current=current,
        checkpoints=rows,
        kinds=CheckpointKind.labels(),
        reentry=Reentry.labels(),
        occupancy=queries.occupancy(),
    )


@bp.route("/devices", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def devices():
    from conference.accounts.services import users_with_roles

    form = DeviceTokenForm()
    users = users_with_roles(Role.SCANNER, Role.EXHIBITOR)
    form.user_id.choices = choices((u.id, f"{u.email} ({Role(u.role).label})") for u in users)
    token = None
    if form.validate_on_submit():
        try:
            token = services.issue_device_token(form.user_id.data, form.device.data)
        except DomainError as exc:
            form.device.errors = [exc.message]
    return render_template("scanning/devices.html", form=form, token=token)


@bp.route("/occupancy")
@roles_required(Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER)
def occupancy():
    return render_template(
        "scanning/occupancy.html",
        zones=queries.zone_occupancy(),
        rooms=queries.room_occupancy(),
        sessions=queries.attendance_by_session(),
        scans=queries.recent_scans(limit=30),
    )
