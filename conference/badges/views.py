"""Accreditation desk pages: the print queue, batches, one badge (print, reprint, revoke, hand-over)."""

from __future__ import annotations

import io

from flask import Blueprint, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.badges import printing, services
from conference.badges.forms import BatchForm, CollectForm, DeskPrintForm, ReprintForm, RevokeForm, SearchForm
from conference.core.web import refusals
from conference.registration import queries as registration

bp = Blueprint("badges", __name__, url_prefix="/badges")
OFFICER = Role.ACCREDITATION_OFFICER


def _batch_form() -> BatchForm:
    form = BatchForm()
    # Read-only lists from the registration domain's reference tables, for the choices.
    form.delegation.choices = [SelectChoice("", "—")] + [
        SelectChoice(str(did), name) for did, name in registration.delegation_names()
    ]
    form.category.choices = [SelectChoice("", "—")] + [
        SelectChoice(code, f"{letter} · {name}") for code, letter, name in registration.category_choices()
    ]
    return form


@bp.route("/", methods=["GET", "POST"])
@roles_required(OFFICER)
def queue():
    form = _batch_form()
    if form.validate_on_submit():
        with refusals(form) as outcome:
            batch = printing.create_batch(
                form.selection.data,
                form.value(),
                form.layout.data,
                include_printed=form.include_printed.data,
                actor_id=current_user.id,
            )
            printing.start_render(batch)
        if outcome.ok:
            flash(_("Batch %(id)s recorded: %(n)s badges.", id=batch.id, n=batch.total), "success")
            return redirect(url_for("badges.batch", batch_id=batch.id))
    return render_template(
        "badges/queue.html",
        form=form,
        waiting=printing.candidates("unprinted", limit=200),
        batches=printing.recent_batches(),
        reprints=services.needs_reprint(limit=200),
    )


@bp.route("/batches/<int:batch_id>")
@roles_required(OFFICER)
def batch(batch_id: int):
    return render_template("badges/batch.html", batch=printing.get_batch(batch_id), rows=printing.batch_rows(batch_id))


@bp.route("/batches/<int:batch_id>/progress")
@roles_required(OFFICER)
def batch_progress(batch_id: int):
    b = printing.get_batch(batch_id)
    return jsonify(status=b.status, rendered=b.rendered, total=b.total, error=b.error)


@bp.route("/batches/<int:batch_id>.pdf")
@roles_required(OFFICER)
def batch_pdf(batch_id: int):
    path = printing.batch_pdf(batch_id)
    return send_file(path, mimetype="application/pdf", download_name=f"badges-batch-{batch_id}.pdf")


@bp.route("/find")
@roles_required(OFFICER)
def find():
    form = SearchForm(request.args)
    found = services.find_badges(form.q.data or "") if form.q.data else []
    return render_template("badges/find.html", form=form, found=found)


@bp.route("/not-collected")
@roles_required(OFFICER)
def not_collected():
    return render_template("badges/not_collected.html", badges=services.not_collected())


def _badge_page(badge_id: int, **forms):
    held = services.held_badge(badge_id)
    forms.setdefault("desk", DeskPrintForm(prefix="desk"))
    forms.setdefault("reprint", ReprintForm(prefix="reprint"))
    forms.setdefault("revoke", RevokeForm(prefix="revoke"))
    forms.setdefault("collect", CollectForm(prefix="collect"))
    return render_template(
        "badges/badge.html",
        badge=held.badge,
        holder=held.holder,
        history=services.serial_history(badge_id),
        **forms,
    )


@bp.route("/<int:badge_id>")
@roles_required(OFFICER)
def badge(badge_id: int):
    return _badge_page(badge_id)


@bp.route("/<int:badge_id>/preview.pdf")
@roles_required(OFFICER)
def preview(badge_id: int):
    layout = request.args.get("layout", "cr80")
    data = printing.render_one(badge_id, layout)
    return send_file(io.BytesIO(data), mimetype="application/pdf", download_name=f"badge-{badge_id}-preview.pdf")


@bp.route("/<int:badge_id>/print", methods=["POST"])
@roles_required(OFFICER)
def desk_print(badge_id: int):
    form = DeskPrintForm(prefix="desk")
    if not form.validate_on_submit():
        return _badge_page(badge_id, desk=form), 400
    with refusals(form) as outcome:
        batch = printing.create_batch("badge", str(badge_id), form.layout.data, actor_id=current_user.id)
        printing.render_batch(batch.id)
    if not outcome.ok:
        return _badge_page(badge_id, desk=form), 400
    return redirect(url_for("badges.batch_pdf", batch_id=batch.id))


@bp.route("/<int:badge_id>/reprint", methods=["POST"])
@roles_required(OFFICER)
def reprint(badge_id: int):
    form = ReprintForm(prefix="reprint")
    if form.validate_on_submit():
        with refusals(form) as outcome:
            b = services.reprint(badge_id, form.reason.data, form.note.data or "", actor_id=current_user.id)
        if outcome.ok:
            flash(
                _("Serial %(serial)s issued; the old badge no longer scans. Print it now.", serial=b.serial), "success"
            )
            return redirect(url_for("badges.badge", badge_id=badge_id))
    return _badge_page(badge_id, reprint=form), 400


@bp.route("/<int:badge_id>/revoke", methods=["POST"])
@roles_required(OFFICER)
def revoke(badge_id: int):
    form = RevokeForm(prefix="revoke")
    if form.validate_on_submit():
        with refusals(form) as outcome:
            services.revoke(badge_id, form.reason.data)
        if outcome.ok:
            flash(_("Badge revoked: scanners refuse it from now on."), "warning")
            return redirect(url_for("badges.badge", badge_id=badge_id))
    return _badge_page(badge_id, revoke=form), 400


@bp.route("/<int:badge_id>/collect", methods=["POST"])
@roles_required(OFFICER)
def collect(badge_id: int):
    form = CollectForm(prefix="collect")
    if form.validate_on_submit():
        with refusals(form) as outcome:
            services.record_collection(badge_id, id_checked=form.id_checked.data, actor_id=current_user.id)
        if outcome.ok:
            flash(_("Hand-over recorded."), "success")
            return redirect(url_for("badges.badge", badge_id=badge_id))
    return _badge_page(badge_id, collect=form), 400
