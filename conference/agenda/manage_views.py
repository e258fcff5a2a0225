"""Organiser pages: the session editor (clash detection blocks the save) and who signed up."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.agenda import services, signups
from conference.agenda.forms import SessionForm, split_ids, split_list
from conference.agenda.models import ConferenceSession, PersonRole
from conference.agenda.services import SessionData
from conference.agenda.views import bp
from conference.core.errors import DomainError
from conference.core.timeutil import to_venue, venue_datetime
from conference.extensions import db
from conference.registration.models import Zone

EDITORS = (Role.PROTOCOL_OFFICER,)


def _choices(form: SessionForm) -> None:
    form.room_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(r.id, f"{r.name} ({r.capacity})") for r in services.list_rooms()
    ]
    form.zone_code.choices = [SelectChoice("", "—")] + [
        SelectChoice(z.code, f"{z.code} — {z.name}") for z in db.session.scalars(select(Zone))
    ]


def _data(form: SessionForm) -> SessionData:
    return SessionData(
        code=(form.code.data or "").strip(),
        kind=form.kind.data,
        title_en=(form.title_en.data or "").strip(),
        title_fr=(form.title_fr.data or "").strip(),
        title_vi=(form.title_vi.data or "").strip(),
        description_en=(form.description_en.data or "").strip(),
        description_fr=(form.description_fr.data or "").strip(),
        description_vi=(form.description_vi.data or "").strip(),
        room_id=form.room_id.data or None,
        starts_at=venue_datetime(form.day.data, form.start.data.strftime("%H:%M")),
        ends_at=venue_datetime(form.day.data, form.end.data.strftime("%H:%M")),
        languages=split_list(form.languages.data),
        interpretation=split_list(form.interpretation.data),
        topics=split_list(form.topics.data),
        organisers=split_list(form.organisers.data),
        guest_speakers=[line.strip() for line in (form.guest_speakers.data or "").splitlines() if line.strip()],
        capacity=form.capacity.data,
        zone_code=form.zone_code.data or None,
        needs_signup=form.needs_signup.data,
        speaker_ids=split_ids(form.speaker_ids.data),
        moderator_ids=split_ids(form.moderator_ids.data),
    )


def _fill(form: SessionForm, s: ConferenceSession) -> None:
    for name in ("code", "kind", "title_en", "title_fr", "title_vi", "description_en", "description_fr"):
        getattr(form, name).data = getattr(s, name)
    form.description_vi.data = s.description_vi
    form.room_id.data = s.room_id or 0
    form.day.data = to_venue(s.starts_at).date()
    form.start.data = to_venue(s.starts_at).time()
    form.end.data = to_venue(s.ends_at).time()
    form.languages.data = ", ".join(s.languages)
    form.interpretation.data = ", ".join(s.interpretation)
    form.topics.data = ", ".join(s.topics)
    form.organisers.data = ", ".join(s.organisers)
    form.guest_speakers.data = "\n".join(s.guest_speakers)
    form.capacity.data = s.capacity
    form.zone_code.data = s.zone_code or ""
    form.needs_signup.data = s.needs_signup
    form.speaker_ids.data = ", ".join(str(p.participant_id) for p in s.people if p.role == PersonRole.SPEAKER)
    form.moderator_ids.data = ", ".join(str(p.participant_id) for p in s.people if p.role == PersonRole.MODERATOR)


@bp.route("/manage")
@roles_required(*EDITORS)
def manage():
    sessions = services.list_sessions()
    return render_template("agenda/manage.html", sessions=sessions, counts=signups.seat_counts())


@bp.route("/manage/new", methods=["GET", "POST"])
@bp.route("/manage/<int:session_id>/edit", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit(session_id: int | None = None):
    s = services.get_session(session_id) if session_id else None
    form = SessionForm()
    _choices(form)
    if s is not None and not form.is_submitted():
        _fill(form, s)
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            saved = services.save_session(_data(form), session_id)
        except DomainError as exc:
            problems = exc.details.get("problems") or [exc.message]
        else:
            flash(_("Session %(code)s saved.", code=saved.code), "success")
            return redirect(url_for(".session_page", session_id=saved.id))
    return render_template("agenda/edit.html", form=form, s=s, problems=problems)


@bp.route("/manage/<int:session_id>/attendees")
@roles_required(*EDITORS)
def attendees(session_id: int):
    s = services.get_session(session_id)
    return render_template(
        "agenda/attendees.html",
        s=s,
        rows=signups.attendees(session_id),
        waiting_position=signups.waiting_position,
    )


@bp.route("/manage/<int:session_id>/delete", methods=["POST"])
@roles_required(*EDITORS)
def delete(session_id: int):
    try:
        services.delete_session(session_id)
    except DomainError as exc:
        flash(exc.message, "danger")
        return redirect(url_for(".edit", session_id=session_id))
    flash(_("Session deleted."), "info")
    return redirect(url_for(".manage"))
