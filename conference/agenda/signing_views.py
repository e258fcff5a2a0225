"""The signing of the Convention: declarations and full powers (focal points), the protocol
officer's desk (review, order, slots, recording), and the public tally."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.agenda import signing
from conference.agenda.forms import DeclarationForm, FullPowersForm, ReviewForm, ScheduleForm
from conference.agenda.models import SignatoryLevel
from conference.agenda.views import bp, order_from_json
from conference.core.errors import DomainError
from conference.core.services import get_event
from conference.core.timeutil import to_venue, venue_datetime
from conference.core.uploads import stored_path

OFFICERS = (Role.PROTOCOL_OFFICER,)


@bp.route("/signing/declare", methods=["GET", "POST"])
@roles_required(Role.FOCAL_POINT)
def declare():
    delegations = signing.signing_delegations(current_user)
    form = DeclarationForm()
    form.delegation_id.choices = [SelectChoice(d.id, d.name) for d in delegations]
    if form.validate_on_submit():
        try:
            signing.declare(
                form.delegation_id.data,
                current_user.id,
                form.signatory_name.data,
                form.signatory_title.data,
                form.level.data,
            )
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(_("Your intention to sign is recorded."), "success")
            return redirect(url_for(".declare"))
    declared = [(d, signing.declaration_for(d.id)) for d in delegations]
    return render_template(
        "agenda/signing_declare.html",
        form=form,
        declared=declared,
        upload=FullPowersForm(),
        labels=SignatoryLevel.labels(),
        signature_of=signing.signature_of,
    )


@bp.route("/signing/<int:declaration_id>/full-powers", methods=["POST"])
@roles_required(Role.FOCAL_POINT)
def upload_full_powers(declaration_id: int):
    form = FullPowersForm()
    if not form.validate_on_submit():
        flash(_("Choose the PDF of the full powers."), "danger")
    else:
        try:
            signing.upload_full_powers(declaration_id, current_user.id, form.document.data.read())
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(_("Full powers received; the protocol team will verify them."), "success")
    return redirect(url_for(".declare"))


@bp.route("/signing/<int:declaration_id>/full-powers.pdf")
@roles_required(Role.FOCAL_POINT, *OFFICERS)
def full_powers_pdf(declaration_id: int):
    row = signing.get_declaration(declaration_id)
    if not current_user.has_role(*OFFICERS) and row.delegation_id not in {
        d.id for d in signing.signing_delegations(current_user)
    }:
        abort(404)
    if not row.full_powers_path:
        abort(404)
    return send_file(stored_path(row.full_powers_path), mimetype="application/pdf")


@bp.route("/signing/manage")
@roles_required(*OFFICERS)
def signing_desk():
    event = get_event()
    ceremony = signing.ceremony_session()
    schedule = ScheduleForm(
        day=to_venue(ceremony.starts_at).date() if ceremony else (event.start_date if event else None),
        start=to_venue(ceremony.starts_at).time() if ceremony else None,
        minutes=3,
    )
    return render_template(
        "agenda/signing_manage.html",
        rows=signing.declarations(),
        signed={s.party_code: s for s in signing.signatures()},
        review=ReviewForm(),
        schedule=schedule,
        labels=SignatoryLevel.labels(),
        needs_full_powers=signing.needs_full_powers,
    )


@bp.route("/signing/<int:declaration_id>/<action>", methods=["POST"])
@roles_required(*OFFICERS)
def signing_action(declaration_id: int, action: str):
    """Review full powers, move a party in the order, or record its signature."""
    try:
        if action == "review":
            form = ReviewForm()
            signing.review_full_powers(declaration_id, current_user.id, bool(form.verify.data), form.reason.data or "")
        elif action in ("up", "down"):
            signing.move_slot(declaration_id, -1 if action == "up" else 1)
        elif action == "sign":
            signature = signing.record_signature(declaration_id, current_user.id)
            flash(_("%(party)s has signed.", party=signature.party_name), "success")
        else:
            raise DomainError("unknown_action", "Unknown action.")
    except DomainError as exc:
        flash(exc.message, "danger")
    return redirect(url_for(".signing_desk") + (f"#d{declaration_id}" if request.method == "POST" else ""))


@bp.route("/signing/order", methods=["POST"])
@roles_required(*OFFICERS)
def signing_order():
    """The order dragged on the signing desk (JSON ``{"order": [declaration ids]}``)."""
    signing.set_order(order_from_json())
    return jsonify(ok=True)


@bp.route("/signing/schedule", methods=["POST"])
@roles_required(*OFFICERS)
def schedule_slots():
    form = ScheduleForm()
    if form.validate_on_submit():
        try:
            signing.schedule_slots(venue_datetime(form.day.data, form.start.data.strftime("%H:%M")), form.minutes.data)
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(_("Signing slots scheduled."), "success")
    else:
        flash(_("Give the day, the first slot's time and the minutes per slot."), "danger")
    return redirect(url_for(".signing_desk"))


@bp.route("/signatures")
@public
def signatures():
    """The public tally, like the UN Treaty Collection's status page (updates itself)."""
    return render_template("agenda/signatures.html", rows=signing.signatures(), labels=SignatoryLevel.labels())
