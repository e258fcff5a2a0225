"""Public agenda pages (no login), sign-up, calendar exports and the participant's own agenda.

The organiser pages live in ``manage_views``, the list of speakers in ``speakers_views`` and the
signing ceremony in ``signing_views``; they add their routes to this blueprint.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from conference.accounts.guards import login_required, public, roles_required
from conference.accounts.roles import Role
from conference.agenda import calendar, services, signups
from conference.agenda.forms import SignupForm
from conference.agenda.models import SessionKind
from conference.agenda.services import AgendaFilter
from conference.core.errors import DomainError
from conference.core.timeutil import to_venue

bp = Blueprint("agenda", __name__, url_prefix="/agenda")
BOOKERS = (Role.PARTICIPANT, Role.FOCAL_POINT, Role.PROTOCOL_OFFICER)
# Grid columns: the main rooms first, then side-event halls and meeting rooms, then the rest.
ROOM_ORDER = {"plenary": 0, "signing": 1, "vip": 2, "hall": 3, "meeting": 4, "media": 5, "exhibition": 6}


def _filters() -> AgendaFilter:
    days = services.event_days()
    day = None
    if request.args.get("day"):
        try:
            day = dt.date.fromisoformat(request.args["day"])
        except ValueError:
            day = None
    if day is None and request.endpoint == "agenda.grid" and days:
        day = days[0]
    room = request.args.get("room", type=int)
    return AgendaFilter(
        day=day,
        kind=request.args.get("kind") or None,
        room_id=room or None,
        topic=request.args.get("topic") or None,
        language=request.args.get("lang") or None,
        q=(request.args.get("q") or "").strip() or None,
    )


def _filter_context(f: AgendaFilter) -> dict:
    return {
        "f": f,
        "days": services.event_days(),
        "kinds": list(SessionKind),
        "rooms": services.list_rooms(),
        "topics": services.all_topics(),
        "langs": services.all_languages(),
    }


@bp.route("/")
@public
def index():
    f = _filters()
    found = services.find_sessions(f)
    by_day: dict[dt.date, list] = {}
    for s in found:
        by_day.setdefault(to_venue(s.starts_at).date(), []).append(s)
    counts = signups.seat_counts([s.id for s in found])
    return render_template("agenda/index.html", by_day=by_day, counts=counts, total=len(found), **_filter_context(f))


@bp.route("/grid")
@public
def grid():
    """Rooms across, time down (15-minute rows): the parallel side events at a glance."""
    f = _filters()
    found = [s for s in services.find_sessions(f) if s.room]
    rooms = sorted({s.room.id: s.room for s in found}.values(), key=lambda r: (ROOM_ORDER.get(r.kind, 9), r.code))
    column = {r.id: n + 2 for n, r in enumerate(rooms)}
    cells, times = [], []
    if found:
        first = min(to_venue(s.starts_at) for s in found).replace(minute=0)
        last = max(to_venue(s.ends_at) for s in found)
        slots = int((last - first).total_seconds() // 900) + 1
        times = [(n + 2, first + dt.timedelta(minutes=15 * n)) for n in range(0, slots, 4)]
        for s in found:
            row = int((to_venue(s.starts_at) - first).total_seconds() // 900) + 2
            span = max(1, int((s.ends_at - s.starts_at).total_seconds() // 900))
            cells.append((s, row, row + span, column[s.room.id]))
    return render_template("agenda/grid.html", grid_rooms=rooms, cells=cells, times=times, **_filter_context(f))


@bp.route("/sessions/<int:session_id>")
@public
def session_page(session_id: int):
    s = services.get_session(session_id)
    count = signups.seat_counts([s.id]).get(s.id, signups.SeatCount(0, 0))
    form, mine, names = None, [], {}
    if current_user.is_authenticated and s.needs_signup:
        people = signups.bookable_participants(current_user)
        names = {p.id: p.display_name for p in people}
        mine = [row for row in signups.signups_of(list(names)) if row.session_id == s.id]
        booked = {row.participant_id for row in mine}
        choices = [SelectChoice(p.id, p.display_name) for p in people if p.id not in booked]
        if choices:
            form = SignupForm()
            form.participant_id.choices = choices
    return render_template(
        "agenda/session.html",
        s=s,
        count=count,
        form=form,
        mine=mine,
        names=names,
        people=services.people_of(s.id),
        waiting_position=signups.waiting_position,
    )


@bp.route("/sessions/<int:session_id>/signup", methods=["POST"])
@roles_required(*BOOKERS)
def sign_up(session_id: int):
    form = SignupForm()
    form.participant_id.choices = [
        SelectChoice(p.id, p.display_name) for p in signups.bookable_participants(current_user)
    ]
    if not form.validate_on_submit():
        flash(_("Choose whom to sign up."), "danger")
        return redirect(url_for(".session_page", session_id=session_id))
    try:
        row = signups.sign_up(session_id, form.participant_id.data, current_user.id)
    except DomainError as exc:
        flash(exc.message, "danger")
    else:
        if row.status == "confirmed":
            flash(_("Signed up: the seat is confirmed."), "success")
        else:
            flash(
                _(
                    "The session is full: you are number %(n)s on the waiting list. We will email you if a seat frees.",
                    n=signups.waiting_position(row),
                ),
                "warning",
            )
    return redirect(url_for(".session_page", session_id=session_id))


@bp.route("/sessions/<int:session_id>/cancel", methods=["POST"])
@roles_required(*BOOKERS)
def cancel(session_id: int):
    try:
        signups.cancel(session_id, request.form.get("participant_id", type=int) or 0, current_user.id)
    except DomainError as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Cancelled. The seat has been given back."), "info")
    target = request.form.get("next") or ""
    if not target.startswith("/") or target.startswith("//"):
        target = url_for(".session_page", session_id=session_id)
    return redirect(target)


def _ics(sessions, name: str, filename: str) -> Response:
    body = calendar.to_ics(
        sessions,
        name,
        lambda s: url_for("agenda.session_page", session_id=s.id, _external=True),
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/programme.ics")
@public
def programme_ics():
    return _ics(services.list_sessions(), "Hanoi Convention — programme", "hanoi-convention-programme.ics")


@bp.route("/sessions/<int:session_id>.ics")
@public
def session_ics(session_id: int):
    s = services.get_session(session_id)
    return _ics([s], s.title_en, f"{s.code.lower()}.ics")


@bp.route("/calendar/<token>.ics")
@public
def personal_ics(token: str):
    """The subscribable personal agenda: the secret token is the only key (calendar apps cannot log in)."""
    participant_id = calendar.participant_for_token(token)
    sessions = [row.session for row in signups.signups_of([participant_id]) if row.status == "confirmed"]
    return _ics(sessions, "Hanoi Convention — my agenda", "my-agenda.ics")


@bp.route("/mine")
@login_required
def mine():
    from conference.registration.services import participant_for_user

    people = signups.bookable_participants(current_user)
    rows = signups.signups_of([p.id for p in people])
    own = participant_for_user(current_user.id)
    feed = url_for(".personal_ics", token=calendar.feed_token(own.id), _external=True) if own else None
    return render_template(
        "agenda/mine.html",
        rows=rows,
        names={p.id: p.display_name for p in people},
        own=own,
        feed=feed,
        waiting_position=signups.waiting_position,
    )


@bp.route("/mine/calendar/reset", methods=["POST"])
@login_required
def reset_calendar():
    from conference.registration.services import participant_for_user

    own = participant_for_user(current_user.id)
    if own is not None:
        calendar.reset_feed_token(own.id)
        flash(_("Your calendar link was replaced; the old one no longer works."), "info")
    return redirect(url_for(".mine"))


def order_from_json() -> list[int]:
    """The ids of a list dragged into a new order (``static/js/agenda_reorder.js``)."""
    order = (request.get_json(silent=True) or {}).get("order")
    if not isinstance(order, list) or not all(isinstance(i, int) for i in order):
        raise DomainError("bad_order", "Send the new order as a list of ids.")
    return order


from conference.agenda import manage_views, signing_views, speakers_views  # noqa: E402,F401
