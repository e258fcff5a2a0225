"""The organiser panel: dashboard, search, exports, list of participants, people, audit log, outbox."""

from __future__ import annotations

import json
import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from conference.accounts import services as accounts
from conference.accounts import twofactor
from conference.accounts.guards import public, roles_required
from conference.accounts.models import User
from conference.accounts.roles import Role
from conference.admin import collect, lop, queries, services
from conference.admin.forms import AuditFilterForm, InviteForm, ReasonForm, RoleForm
from conference.core import spreadsheets
from conference.core.db import utcnow
from conference.core.errors import DomainError
from conference.core.mail import resend
from conference.core.services import get_event
from conference.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")
ORGANISERS = (Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER)  # admin always passes
SEARCH_LIMIT = 20


_cache: dict[str, tuple[float, dict]] = {}


def _figures_payload() -> dict:
    """Every domain's figures, computed at most once per ``DASHBOARD_CACHE_SECONDS`` per process
    (they are the same for every organiser, and dozens of open dashboards poll them)."""
    ttl = current_app.config.get("DASHBOARD_CACHE_SECONDS", 0 if current_app.testing else 2)
    cached = _cache.get("figures")
    if cached and time.monotonic() - cached[0] < ttl:
        return cached[1]
    groups: dict[str, list[dict]] = {}
    for figure in collect.figures():
        key = f"{figure.group}:{figure.label}"
        groups.setdefault(figure.group, []).append(
            {"key": key, "label": figure.label, "value": figure.value, "detail": figure.detail}
        )
    payload = {"at": utcnow().isoformat(), "groups": [{"group": g, "figures": f} for g, f in groups.items()]}
    _cache["figures"] = (time.monotonic(), payload)
    return payload


@bp.route("/")
@roles_required(*ORGANISERS)
def dashboard():
    return render_template("admin/dashboard.html", data=_figures_payload())


@bp.route("/figures.json")
@roles_required(*ORGANISERS)
def figures_json():
    response = jsonify(_figures_payload())
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/search")
@roles_required(*ORGANISERS)
def search():
    query = request.args.get("q", "").strip()[:200]
    hits = collect.search(query, SEARCH_LIMIT, {current_user.role}) if len(query) >= 2 else []
    grouped: dict[str, list] = {}
    for hit in hits:
        grouped.setdefault(hit.kind, []).append(hit)
    return render_template("admin/search.html", query=query, grouped=grouped)


def _may_download(export) -> bool:
    return current_user.role == Role.ADMIN or current_user.role in export.roles


def _may_see_sensitive(export) -> bool:
    # Only the roles an export names (accreditation officers), not admin by default: data minimisation.
    return current_user.role in export.sensitive_roles


@bp.route("/exports")
@roles_required(*ORGANISERS)
def exports():
    available = [(key, e, _may_see_sensitive(e)) for key, e in sorted(collect.exports().items()) if _may_download(e)]
    return render_template("admin/exports.html", exports=available)


@bp.route("/exports/<key>.<fmt>")
@roles_required(*ORGANISERS)
def download(key: str, fmt: str):
    export = collect.exports().get(key)
    if export is None or fmt not in ("csv", "xlsx"):
        abort(404)
    if not _may_download(export):
        abort(403)
    sensitive = request.args.get("sensitive") == "1"
    if sensitive and not _may_see_sensitive(export):
        abort(403)
    table = export.build(sensitive)
    services.record_export(key, fmt, sensitive=sensitive)
    stamp = utcnow().strftime("%Y%m%d-%H%M")
    name = f"{key.replace('.', '-')}{'-sensitive' if sensitive else ''}-{stamp}.{fmt}"
    return spreadsheets.download(fmt, name, table.headers, table.rows, title=export.title)


@bp.route("/list-of-participants.pdf")
@roles_required(*ORGANISERS)
def list_of_participants():
    event = get_event()
    title = event.name if event else "Signing Ceremony of the United Nations Convention against Cybercrime"
    subtitle = f"{event.venue}, {event.start_date:%d}–{event.end_date:%d %B %Y}" if event else ""
    pdf = lop.render_pdf(title, subtitle)
    services.record_list_of_participants()
    response = make_response(pdf)
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="list-of-participants.pdf"'
    return response


# --- people and roles (admin only) ------------------------------------------------------------


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/people", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def people():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user = accounts.invite_staff(form.email.data, form.role.data, form.full_name.data or "")
        except DomainError as exc:
            form.email.errors = [exc.message]
        else:
            flash(_("Invitation sent to %(email)s.", email=user.email), "success")
            return redirect(url_for("admin.people"))
    email = request.args.get("email", "").strip()
    found = queries.find_user(email) if email else None
    users = queries.staff()
    if found is not None and found not in users:
        users.insert(0, found)
    return render_template(
        "admin/people.html",
        form=form,
        users=users,
        email=email,
        not_found=bool(email) and found is None,
        role_form=RoleForm(),
        enrolled=twofactor.is_enrolled,
    )


@bp.route("/people/<int:user_id>/role", methods=["POST"])
@roles_required(Role.ADMIN)
def change_role(user_id: int):
    form = RoleForm()
    user = _user_or_404(user_id)
    if user.id == current_user.id:
        flash(_("Another admin must change your own role."), "danger")
    elif form.validate_on_submit():
        accounts.set_role(user.id, form.role.data)
        flash(_("%(email)s is now %(role)s.", email=user.email, role=Role(form.role.data).label), "success")
    return redirect(url_for("admin.people", email=user.email))


@bp.route("/people/<int:user_id>/<any('deactivate', 'reactivate', 'reset-2fa'):action>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def confirm_action(user_id: int, action: str):
    user = _user_or_404(user_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            reason = form.reason.data
            if action == "reset-2fa":
                twofactor.reset(user.id, by_user_id=current_user.id, reason=reason)
                message = _("Two-factor login of %(email)s is reset; they enrol again at login.", email=user.email)
            else:
                accounts.set_active(user.id, action == "reactivate", by_user_id=current_user.id, reason=reason)
                message = _("Account %(email)s updated.", email=user.email)
            flash(message, "success")
        except DomainError as exc:
            form.reason.errors = [exc.message]
        else:
            return redirect(url_for("admin.people", email=user.email))
    return render_template("admin/confirm.html", form=form, user=user, action=action)


@bp.route("/help/two-factor")
@public
def two_factor_help():
    return render_template("admin/two_factor_help.html")


# --- audit log (admin only; read-only: no route here changes it) -------------------------------


@bp.route("/audit")
@roles_required(Role.ADMIN)
def audit_log():
    form = AuditFilterForm(request.args)
    form.entity_type.choices = [("", _("Any"))] + [(t, t) for t in queries.audit_entity_types()]
    page = max(request.args.get("page", 1, type=int), 1)
    flt = queries.AuditFilter()
    if form.validate():
        flt = queries.AuditFilter(
            who=form.who.data or "",
            entity_type=form.entity_type.data or "",
            action=form.action.data or "",
            date_from=form.date_from.data,
            date_to=form.date_to.data,
            security=form.security.data,
        )
    entries, more = queries.audit_page(flt, page)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("admin/audit.html", form=form, entries=entries, more=more, page=page, args=args)


# --- mail outbox --------------------------------------------------------------------------------


@bp.route("/outbox")
@roles_required(Role.ACCREDITATION_OFFICER)
def outbox():
    status = request.args.get("status", "")
    if status not in ("", "queued", "sent", "failed"):
        abort(404)
    page = max(request.args.get("page", 1, type=int), 1)
    mails, more, counts = queries.outbox_page(status, page)
    return render_template("admin/outbox.html", mails=mails, more=more, counts=counts, status=status, page=page)


@bp.route("/outbox/<int:mail_id>/resend", methods=["POST"])
@roles_required(Role.ACCREDITATION_OFFICER)
def resend_mail(mail_id: int):
    try:
        mail = resend(mail_id)
    except LookupError:
        abort(404)
    flash(_("The mail to %(to)s is queued again.", to=mail.to_address), "success")
    return redirect(url_for("admin.outbox", status=request.args.get("status", "")))


@bp.app_template_filter("json_pretty")
def json_pretty(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else ""
