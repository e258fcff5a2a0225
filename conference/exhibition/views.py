"""Pages: the public directory and floor plan, applying, an exhibitor's own page, the organisers' review."""

from __future__ import annotations

import datetime as dt
import textwrap

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from wtforms.fields.choices import SelectChoice

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.core import spreadsheets
from conference.core.panel import schema_headers
from conference.core.timeutil import to_venue
from conference.core.uploads import stored_path
from conference.core.web import refusals
from conference.exhibition import services
from conference.exhibition.forms import (
    AllocateForm,
    ApplicationForm,
    ApproveForm,
    OrganiserApplicationForm,
    RejectForm,
    ReleaseForm,
    SignUpApplicationForm,
    StaffForm,
)
from conference.exhibition.labels import KINDS, SIZES, STATUSES, THEMES
from conference.exhibition.schemas import LeadOut

bp = Blueprint("exhibition", __name__, url_prefix="/exhibition")


def booth_lines(name: str, width: float, height: float) -> list[str]:
    """An exhibitor's name wrapped to fit its booth on the plan (about 2.6 characters per metre)."""
    per_line = max(4, int(width * 2.6))
    max_lines = max(1, int((height - 1.3) / 0.75))
    lines = textwrap.wrap(name, per_line, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: per_line - 1].rstrip() + "…"
    return lines


@bp.context_processor
def labels() -> dict:
    return {"THEMES": THEMES, "KINDS": KINDS, "SIZES": SIZES, "STATUSES": STATUSES, "booth_lines": booth_lines}


def _plan(highlight: int | None = None) -> dict:
    return {
        "plan": services.floorplan(),
        "booths": services.list_booths(),
        "occupants": services.occupants(),
        "highlight": highlight,
    }


@bp.route("/")
@public
def directory():
    query, theme = request.args.get("q", "").strip(), request.args.get("theme", "")
    exhibitors = services.public_exhibitors(query, theme if theme in THEMES else "")
    return render_template("exhibition/directory.html", exhibitors=exhibitors, query=query, theme=theme, **_plan())


@bp.route("/exhibitors/<int:exhibitor_id>")
@public
def exhibitor(exhibitor_id: int):
    exhibitor = services.get_exhibitor(exhibitor_id)
    if exhibitor.status != "approved" and not _may_manage(exhibitor):
        abort(404)
    highlight = exhibitor.allocation.booth_id if exhibitor.allocation else None
    return render_template("exhibition/exhibitor.html", exhibitor=exhibitor, **_plan(highlight))


def _may_manage(exhibitor) -> bool:
    return current_user.is_authenticated and (current_user.has_role(Role.ADMIN) or exhibitor.user_id == current_user.id)


@bp.route("/exhibitors/<int:exhibitor_id>/logo")
@public
def logo(exhibitor_id: int):
    """Logos are public once the exhibitor is approved; before, only its applicant and organisers see it."""
    exhibitor = services.get_exhibitor(exhibitor_id)
    if not exhibitor.logo_path or (exhibitor.status != "approved" and not _may_manage(exhibitor)):
        abort(404)
    path = stored_path(exhibitor.logo_path)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=300)
    if exhibitor.status != "approved":
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _application(form: ApplicationForm) -> services.Application:
    staff = [
        services.StaffMember(e.given_names.data or "", e.family_name.data or "", e.email.data or "", e.title.data or "")
        for e in form.staff
        if any((e.given_names.data, e.family_name.data, e.email.data))
    ]
    return services.Application(
        organisation_name=form.organisation_name.data,
        kind=form.kind.data,
        theme=form.theme.data,
        requested_size_sqm=form.requested_size_sqm.data,
        description_en=form.description_en.data or "",
        description_fr=form.description_fr.data or "",
        description_vi=form.description_vi.data or "",
        website=form.website.data or "",
        preferred_booths=list(form.preferred_booths.data or []),
        staff=staff,
        logo=form.logo.data.read() if form.logo.data else None,
    )


@bp.route("/apply", methods=["GET", "POST"])
@public
def apply():
    if current_user.is_authenticated:
        if current_user.role == Role.ADMIN:
            return redirect(url_for("exhibition.create"))
        if current_user.role != Role.EXHIBITOR:
            # Another role (a delegate, a focal point) would not reach the exhibitor's pages.
            return render_template("exhibition/apply_other_role.html")
        if services.exhibitor_of_user(current_user.id):
            return redirect(url_for("exhibition.mine"))
    form = ApplicationForm() if current_user.is_authenticated else SignUpApplicationForm()
    form.preferred_booths.choices = [
        SelectChoice(b.code, f"{b.code} · {b.size_sqm} m²") for b in services.list_booths()
    ]
    if form.validate_on_submit():
        with refusals(form) as outcome:
            if current_user.is_authenticated:
                services.submit_application(current_user.id, _application(form))
            else:
                exhibitor = services.sign_up_and_apply(
                    form.email.data, form.password.data, form.full_name.data, _application(form)
                )
                login_user(services.applicant(exhibitor))
        if outcome.ok:
            flash(_("Thank you: your application is sent. We will email you the decision."), "success")
            return redirect(url_for("exhibition.mine"))
    return render_template("exhibition/apply.html", form=form, **_plan())


def _mine_page(exhibitor, staff_form: StaffForm):
    highlight = exhibitor.allocation.booth_id if exhibitor.allocation else None
    return render_template(
        "exhibition/mine.html",
        exhibitor=exhibitor,
        leads=services.leads_of(exhibitor.id),
        visits=sum(services.visit_counts(exhibitor.id).values()),
        staff_form=staff_form,
        **_plan(highlight),
    )


@bp.route("/mine")
@roles_required(Role.EXHIBITOR)
def mine():
    exhibitor = services.exhibitor_of_user(current_user.id)
    if exhibitor is None:
        return redirect(url_for("exhibition.apply"))
    return _mine_page(exhibitor, StaffForm())


@bp.route("/mine/staff", methods=["POST"])
@roles_required(Role.EXHIBITOR)
def add_staff():
    exhibitor = services.exhibitor_of_user(current_user.id)
    if exhibitor is None or exhibitor.user_id != current_user.id:
        abort(404)
    form = StaffForm()
    if form.validate_on_submit():
        data = services.StaffMember(form.given_names.data, form.family_name.data, form.email.data, form.title.data)
        with refusals(form) as outcome:
            services.add_staff(exhibitor.id, data)
        if outcome.ok:
            flash(_("Staff member added; their accreditation is reviewed by the organisers."), "success")
            return redirect(url_for("exhibition.mine"))
    return _mine_page(exhibitor, form)


def _cell(value: object) -> object:
    """Times in the venue's zone, to the minute, as exhibitors read them."""
    return to_venue(value).strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else value


@bp.route("/mine/leads.<fmt>")
@roles_required(Role.EXHIBITOR)
def export_leads(fmt: str):
    exhibitor = services.exhibitor_of_user(current_user.id)
    if exhibitor is None or fmt not in ("csv", "xlsx"):
        abort(404)
    rows = [
        [_cell(value) for value in LeadOut.model_validate(lead).model_dump().values()]
        for lead in services.leads_of(exhibitor.id)
    ]
    return spreadsheets.download(
        fmt,
        f"leads-{exhibitor.id}.{fmt}",
        schema_headers(LeadOut),
        rows,
        title="Leads",
        cache_control="private, no-store",
    )


# --- organisers -----------------------------------------------------------------------------------


@bp.route("/admin")
@roles_required(Role.ADMIN)
def review_list():
    status = request.args.get("status", "")
    visits = services.visit_counts()
    return render_template(
        "exhibition/admin_list.html",
        exhibitors=services.applications(status if status in STATUSES else None),
        status=status,
        visit_rows=[(b, services.occupants().get(b.id), visits.get(b.id, 0)) for b in services.list_booths()],
    )


@bp.route("/admin/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def create():
    form = OrganiserApplicationForm()
    form.preferred_booths.choices = [
        SelectChoice(b.code, f"{b.code} · {b.size_sqm} m²") for b in services.list_booths()
    ]
    if form.validate_on_submit():
        with refusals(form) as outcome:
            exhibitor = services.create_exhibitor(form.email.data, form.full_name.data, _application(form))
        if outcome.ok:
            flash(_("Application created; the contact is emailed how to log in."), "success")
            return redirect(url_for("exhibition.review", exhibitor_id=exhibitor.id))
    return render_template("exhibition/apply.html", form=form, organiser=True, **_plan())


def _review(exhibitor_id: int, **forms):
    exhibitor = services.get_exhibitor(exhibitor_id)
    occupants = services.occupants()
    allocate = forms.get("allocate") or AllocateForm()
    allocate.booth.choices = [
        SelectChoice(
            b.code,
            f"{b.code} · {b.size_sqm} m² · {THEMES.get(b.theme, b.theme)}"
            + (f" · {occupants[b.id].organisation_name}" if b.id in occupants else "")
            + (f" · {_('too small')}" if b.size_sqm < exhibitor.requested_size_sqm else ""),
        )
        for b in services.list_booths()
    ]
    highlight = exhibitor.allocation.booth_id if exhibitor.allocation else None
    return render_template(
        "exhibition/admin_review.html",
        exhibitor=exhibitor,
        approve_form=forms.get("approve") or ApproveForm(),
        reject_form=forms.get("reject") or RejectForm(),
        allocate_form=allocate,
        release_form=ReleaseForm(),
        **_plan(highlight),
    )


def _decide(exhibitor_id: int, form, action, success: str, form_key: str):
    if form.validate_on_submit():
        with refusals(form) as outcome:
            action(form)
        if outcome.ok:
            flash(success, "success")
            return redirect(url_for("exhibition.review", exhibitor_id=exhibitor_id))
    return _review(exhibitor_id, **{form_key: form})


@bp.route("/admin/<int:exhibitor_id>")
@roles_required(Role.ADMIN)
def review(exhibitor_id: int):
    return _review(exhibitor_id)


@bp.route("/admin/<int:exhibitor_id>/approve", methods=["POST"])
@roles_required(Role.ADMIN)
def approve(exhibitor_id: int):
    return _decide(
        exhibitor_id,
        ApproveForm(),
        lambda f: services.approve_exhibitor(exhibitor_id, current_user.id, f.message.data or ""),
        _("Application approved; the applicant is emailed."),
        "approve",
    )


@bp.route("/admin/<int:exhibitor_id>/reject", methods=["POST"])
@roles_required(Role.ADMIN)
def reject(exhibitor_id: int):
    return _decide(
        exhibitor_id,
        RejectForm(),
        lambda f: services.reject_exhibitor(exhibitor_id, current_user.id, f.reason.data),
        _("Application refused; the applicant is emailed."),
        "reject",
    )


@bp.route("/admin/<int:exhibitor_id>/allocate", methods=["POST"])
@roles_required(Role.ADMIN)
def allocate(exhibitor_id: int):
    form = AllocateForm()
    form.booth.choices = [SelectChoice(b.code) for b in services.list_booths()]
    return _decide(
        exhibitor_id,
        form,
        lambda f: services.allocate_booth(exhibitor_id, f.booth.data, current_user.id),
        _("Booth allocated; the exhibitor is emailed."),
        "allocate",
    )


@bp.route("/admin/<int:exhibitor_id>/release", methods=["POST"])
@roles_required(Role.ADMIN)
def release(exhibitor_id: int):
    return _decide(
        exhibitor_id,
        ReleaseForm(),
        lambda f: services.release_booth(exhibitor_id),
        _("Booth released; the exhibitor is emailed."),
        "release",
    )
