"""The signing of the Convention: declarations and full powers (focal points), the protocol
officer's desk (review, order, slots, recording), and the public tally."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.agenda import signing
from conference.agenda.blueprint import OFFICERS, bp
from conference.agenda.forms import DeclarationForm, FullPowersForm, ReviewForm, ScheduleForm
from conference.agenda.models import SignatoryLevel
from conference.core.services import get_event
from conference.core.timeutil import to_venue, venue_datetime
from conference.core.uploads import stored_path
from conference.core.web import refusals


@bp.route("/signing/declare", methods=["GET", "POST"])
@roles_required(Role.FOCAL_POINT)
def declare():
    delegations = signing.signing_delegations(current_user.id)
    form = DeclarationForm()
    form.delegation_id.choices = [SelectChoice(d.id, d.name) for d in delegations]
    if form.validate_on_submit():
        with refusals(form) as outcome:
            signing.declare(
                form.delegation_id.data,
                current_user.id,
                form.signatory_name.data,
                form.signatory_title.data,
                form.level.data,
            )
        if outcome.ok:
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
        with refusals() as outcome:
            signing.upload_full_powers(declaration_id, current_user.id, form.document.data.read())
        if outcome.ok:
            flash(_("Full powers received; the protocol team will verify them."), "success")
    return redirect(url_for(".declare"))


@bp.route("/signing/<int:declaration_id>/full-powers.pdf")
@roles_required(Role.FOCAL_POINT, *OFFICERS)
def full_powers_pdf(declaration_id: int):
    row = signing.get_declaration(declaration_id)
    if not current_user.has_role(*OFFICERS) and row.delegation_id not in {
        d.id for d in signing.signing_delegations(current_user.id)
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
    if action not in ("review", "up", "down", "sign"):
        abort(404)
    with refusals() as outcome:
        if action == "review":
            form = ReviewForm()
            reason = (form.reason.data or "") if form.validate() else ""  # unusable text counts as none given
            signing.review_full_powers(declaration_id, current_user.id, bool(form.verify.data), reason)
        elif action == "sign":
            signature = signing.record_signature(declaration_id, current_user.id)
        else:
            signing.move_slot(declaration_id, -1 if action == "up" else 1)
    if outcome.ok and action == "sign":
        flash(_("%(party)s has signed.", party=signature.party_name), "success")
    return redirect(url_for(".signing_desk") + f"#d{declaration_id}")


@bp.route("/signing/schedule", methods=["POST"])
@roles_required(*OFFICERS)
def schedule_slots():
    form = ScheduleForm()
    if form.validate_on_submit():
        with refusals() as outcome:
            signing.schedule_slots(venue_datetime(form.day.data, form.start.data.strftime("%H:%M")), form.minutes.data)
        if outcome.ok:
            flash(_("Signing slots scheduled."), "success")
    else:
        flash(_("Give the day, the first slot's time and the minutes per slot."), "danger")
    return redirect(url_for(".signing_desk"))


@bp.route("/signatures")
@public
def signatures():
    """The public tally, like the UN Treaty Collection's status page (updates itself)."""
    return render_template("agenda/signatures.html", rows=signing.signatures(), labels=SignatoryLevel.labels())
