"""The list of speakers: inscription by focal points, the protocol officer's console, the room screen."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.agenda import speakers
from conference.agenda.forms import InscriptionForm, TimeLimitForm
from conference.agenda.models import SpeakerLevel
from conference.agenda.views import bp, order_from_json
from conference.core.errors import DomainError
from conference.registration.services import delegations_of_focal_point

OFFICERS = (Role.PROTOCOL_OFFICER,)


@bp.route("/speakers", methods=["GET", "POST"])
@roles_required(Role.FOCAL_POINT)
def inscribe():
    delegations = delegations_of_focal_point(current_user.id)
    form = InscriptionForm()
    form.session_id.choices = [SelectChoice(s.id, f"{s.title_en} ({s.code})") for s in speakers.plenaries()]
    form.delegation_id.choices = [SelectChoice(d.id, d.name) for d in delegations]
    if form.validate_on_submit():
        try:
            speakers.inscribe(
                form.session_id.data,
                form.delegation_id.data,
                current_user.id,
                form.speaker_name.data,
                form.speaker_title.data or "",
                form.level.data,
            )
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(_("Your delegation is on the list of speakers."), "success")
            return redirect(url_for(".inscribe"))
    rows = speakers.inscriptions_of([d.id for d in delegations])
    return render_template("agenda/speakers_inscribe.html", form=form, rows=rows, labels=SpeakerLevel.labels())


@bp.route("/speakers/<int:inscription_id>/withdraw", methods=["POST"])
@roles_required(Role.FOCAL_POINT)
def withdraw(inscription_id: int):
    try:
        speakers.mark(inscription_id, "withdrawn", current_user.id)
    except DomainError as exc:
        flash(exc.message, "danger")
    return redirect(url_for(".inscribe"))


@bp.route("/speakers/console")
@roles_required(*OFFICERS)
def console_index():
    return render_template("agenda/speakers_console_index.html", plenaries=speakers.plenaries())


@bp.route("/speakers/console/<int:session_id>")
@roles_required(*OFFICERS)
def console(session_id: int):
    los = speakers.get_list(session_id)
    form = TimeLimitForm(minutes=max(1, los.time_limit_seconds // 60))
    return render_template(
        "agenda/speakers_console.html",
        session=speakers.get_plenary(session_id),
        rows=speakers.ordered(session_id),
        los=los,
        form=form,
        labels=SpeakerLevel.labels(),
    )


@bp.route("/speakers/console/<int:session_id>/<action>", methods=["POST"])
@roles_required(*OFFICERS)
def console_action(session_id: int, action: str):
    """One button of the console: next speaker, timer start/stop, time limit, back to protocol order."""
    try:
        if action == "next":
            speakers.next_speaker(session_id)
        elif action == "start":
            speakers.start_timer(session_id)
        elif action == "stop":
            speakers.stop_timer(session_id)
        elif action == "limit":
            form = TimeLimitForm()
            if not form.validate():
                raise DomainError("bad_time_limit", _("The time limit is a number of minutes between 1 and 30."))
            speakers.set_time_limit(session_id, form.minutes.data * 60)
        elif action == "reset-order":
            speakers.reset_order(session_id)
        else:
            raise DomainError("unknown_action", "Unknown action.")
    except DomainError as exc:
        flash(exc.message, "danger")
    return redirect(url_for(".console", session_id=session_id))


@bp.route("/speakers/console/<int:session_id>/order", methods=["POST"])
@roles_required(*OFFICERS)
def console_order(session_id: int):
    """The order dragged in the console (JSON ``{"order": [inscription ids]}``)."""
    speakers.set_order(session_id, order_from_json())
    return jsonify(ok=True)


@bp.route("/speakers/inscriptions/<int:inscription_id>/<action>", methods=["POST"])
@roles_required(*OFFICERS)
def inscription_action(inscription_id: int, action: str):
    """Move a speaker up or down by hand (audited), or mark them spoken or withdrawn."""
    session_id = request.form.get("session_id", type=int)
    try:
        if action in ("up", "down"):
            speakers.move(inscription_id, -1 if action == "up" else 1)
        elif action in ("spoken", "withdrawn"):
            speakers.mark(inscription_id, action, current_user.id)
        else:
            raise DomainError("unknown_action", "Unknown action.")
    except DomainError as exc:
        flash(exc.message, "danger")
    return redirect(url_for(".console", session_id=session_id) if session_id else url_for(".console_index"))


@bp.route("/screen/<int:session_id>")
@public
def screen(session_id: int):
    """The room screen: big type, updated by static/js/agenda_screen.js polling the JSON state."""
    return render_template("agenda/screen.html", state=speakers.screen_state(session_id))
