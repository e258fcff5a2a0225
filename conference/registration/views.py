"""Registration pages: sign-up, delegations, members, documents, photos, personal links, the queue."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.core import spreadsheets
from conference.core.uploads import stored_path
from conference.core.web import refusals
from conference.extensions import limiter
from conference.registration import access, importer, links, personal_views, photos, queue, services, workflow
from conference.registration.forms import (
    ActionForm,
    DecisionForm,
    DelegationForm,
    DocumentForm,
    HeadForm,
    ImportForm,
    IndividualSignUpForm,
    ParticipantForm,
    PhotoForm,
    SignUpForm,
    options,
)
from conference.registration.models import AccreditationStatus, DelegationType
from conference.registration.pages import MANAGERS, OFFICERS, bp, fill_record_choices, form_errors, record_data
from conference.registration.pages import uid as _uid
from conference.registration.schemas import SENSITIVE

__all__ = ["bp", "personal_views"]  # the personal pages live on the same blueprint


# --- public pages: landing, privacy notice, sign-up -----------------------------------------------


@bp.route("/")
@public
def index():
    if current_user.is_authenticated:
        if access.is_officer(current_user):
            return redirect(url_for("registration.queue_page"))
        if current_user.has_role(Role.FOCAL_POINT, Role.PARTICIPANT) and services.delegations_of_focal_point(_uid()):
            return redirect(url_for("registration.delegations"))
    return render_template("registration/index.html")


@bp.route("/privacy")
@public
def privacy_notice():
    return render_template("registration/privacy.html")


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@public
def signup():
    form = SignUpForm()
    if form.validate_on_submit():
        with refusals(form) as outcome:
            user = services.sign_up_focal_point(form.email.data, form.full_name.data, form.password.data)
        if outcome.ok:
            login_user(user)
            flash(_("Welcome. We mailed you a link to confirm your email; confirm it before you submit."), "success")
            return redirect(url_for("registration.new_delegation"))
    return render_template("registration/signup.html", form=form, individual=False)


@bp.route("/signup/individual", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@public
def signup_individual():
    form = IndividualSignUpForm()
    if form.validate_on_submit():
        with refusals(form) as outcome:
            user, delegation = services.sign_up_individual(
                form.email.data,
                form.full_name.data,
                form.password.data,
                delegation_type=form.delegation_type.data,
                organisation_name=form.organisation_name.data,
                address=form.address.data or "",
            )
        if outcome.ok:
            login_user(user)
            flash(_("Welcome. We mailed you a link to confirm your email. Now enter your details."), "success")
            return redirect(url_for("registration.new_member", delegation_id=delegation.id))
    return render_template("registration/signup.html", form=form, individual=True)


# --- delegations ----------------------------------------------------------------------------------


@bp.route("/delegations")
@roles_required(*MANAGERS)
def delegations():
    return render_template("registration/delegations.html", delegations=services.list_delegations(_uid()))


def _delegation_form(form: DelegationForm) -> None:
    form.country_iso3.choices = [("", "—")] + [(c.iso3, c.name) for c in services.countries()]
    form.organisation_code.choices = [("", "—")] + [
        (o.code, f"{o.name} ({o.acronym})") for o in services.organisations()
    ]


@bp.route("/delegations/new", methods=["GET", "POST"])
@roles_required(Role.FOCAL_POINT, Role.ACCREDITATION_OFFICER)
def new_delegation():
    form = DelegationForm()
    _delegation_form(form)
    if form.validate_on_submit():
        with refusals(form) as outcome:
            delegation = services.create_delegation(_uid(), form.data)
        if outcome.ok:
            flash(_("Delegation saved. Now upload its document and add its members."), "success")
            return redirect(url_for("registration.delegation", delegation_id=delegation.id))
    return render_template("registration/delegation_form.html", form=form, delegation=None)


@bp.route("/delegations/<int:delegation_id>/edit", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit_delegation(delegation_id: int):
    delegation = services.get_delegation(_uid(), delegation_id)
    form = DelegationForm(obj=delegation)
    _delegation_form(form)
    if form.validate_on_submit():
        with refusals(form) as outcome:
            services.update_delegation(_uid(), delegation_id, {"name": form.name.data, "address": form.address.data})
        if outcome.ok:
            flash(_("Saved."), "success")
            return redirect(url_for("registration.delegation", delegation_id=delegation_id))
    return render_template("registration/delegation_form.html", form=form, delegation=delegation)


@bp.route("/delegations/<int:delegation_id>")
@roles_required(*MANAGERS)
def delegation(delegation_id: int):
    d = services.get_delegation(_uid(), delegation_id)
    members = services.members_of(d.id)
    head_form = HeadForm(participant_id=str(d.head_of_delegation_id or ""))
    head_form.participant_id.choices = options((str(m.id), m.full_name) for m in members)
    return render_template(
        "registration/delegation.html",
        d=d,
        members=members,
        documents=services.documents_of(d.id),
        missing=services.missing_documents(d),
        doc_form=DocumentForm(),
        head_form=head_form,
        action_form=ActionForm(),
        incomplete={m.id: workflow.incomplete_reasons(m) for m in members},
    )


@bp.route("/delegations/<int:delegation_id>/documents", methods=["POST"])
@roles_required(*MANAGERS)
def upload_document(delegation_id: int):
    services.get_delegation(_uid(), delegation_id)
    form = DocumentForm()
    if not form.validate_on_submit():
        flash(form_errors(form), "danger")
        return redirect(url_for("registration.delegation", delegation_id=delegation_id))
    upload = form.file.data
    with refusals() as outcome:
        services.upload_document(_uid(), delegation_id, form.kind.data, upload.filename or "", upload.read())
    if outcome.ok:
        flash(_("Document uploaded."), "success")
    return redirect(url_for("registration.delegation", delegation_id=delegation_id))


@bp.route("/documents/<int:document_id>")
@roles_required(*MANAGERS)
def document(document_id: int):
    doc = services.get_document(_uid(), document_id)
    return send_file(stored_path(doc.path), mimetype="application/pdf", download_name=doc.filename, as_attachment=True)


@bp.route("/delegations/<int:delegation_id>/head", methods=["POST"])
@roles_required(*MANAGERS)
def set_head(delegation_id: int):
    services.get_delegation(_uid(), delegation_id)
    form = HeadForm()
    if form.validate_on_submit() and (form.participant_id.data or "").isdigit():
        services.set_head_of_delegation(_uid(), delegation_id, int(form.participant_id.data))
        flash(_("Head of Delegation designated."), "success")
    return redirect(url_for("registration.delegation", delegation_id=delegation_id))


@bp.route("/delegations/<int:delegation_id>/submit", methods=["POST"])
@roles_required(*MANAGERS)
def submit_delegation(delegation_id: int):
    services.get_delegation(_uid(), delegation_id)
    if ActionForm().validate_on_submit():
        with refusals() as outcome:
            result = workflow.submit_delegation(_uid(), delegation_id)
        if outcome.ok:
            flash(_("%(n)s registration(s) submitted for accreditation.", n=len(result.done)), "success")
    return redirect(url_for("registration.delegation", delegation_id=delegation_id))


# --- members --------------------------------------------------------------------------------------


@bp.route("/delegations/<int:delegation_id>/members/new", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def new_member(delegation_id: int):
    d = services.get_delegation(_uid(), delegation_id)
    form = ParticipantForm()
    fill_record_choices(form)
    if request.method == "GET":
        form.category_code.data = services.DEFAULT_CATEGORY.get(d.type, "delegate")
        form.nationality_iso3.data = d.country_iso3 or ""
    if form.validate_on_submit():
        with refusals(form) as outcome:
            p = services.add_member(_uid(), delegation_id, record_data(form))
        if outcome.ok:
            flash(_("%(name)s added. Add the photo below.", name=p.full_name), "success")
            return redirect(url_for("registration.participant", participant_id=p.id))
    return render_template("registration/participant_form.html", form=form, d=d, p=None)


@bp.route("/delegations/<int:delegation_id>/import", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def import_members(delegation_id: int):
    d = services.get_delegation(_uid(), delegation_id)
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = form.file.data
        with refusals() as outcome:
            created = importer.import_members(_uid(), delegation_id, upload.filename or "", upload.read())
        if outcome.ok:
            flash(_("%(n)s member(s) imported as drafts.", n=len(created)), "success")
            return redirect(url_for("registration.delegation", delegation_id=delegation_id))
        problems = outcome.error.params.get("problems", [])
    return render_template("registration/import.html", form=form, d=d, problems=problems, columns=importer.COLUMNS)


@bp.route("/import-template.<fmt>")
@roles_required(*MANAGERS)
def import_template(fmt: str):
    if fmt == "csv":
        data = importer.template_csv()
    elif fmt == "xlsx":
        data = importer.template_xlsx([c.code for c in services.categories()])
    else:
        abort(404)
    return spreadsheets.attachment(fmt, f"members-template.{fmt}", data)


@bp.route("/participants/<int:participant_id>")
@roles_required(*MANAGERS)
def participant(participant_id: int):
    p = services.view_participant(_uid(), participant_id)
    decision = DecisionForm() if access.is_officer(current_user) else None
    return render_template(
        "registration/participant.html",
        p=p,
        photo_form=PhotoForm(),
        action_form=ActionForm(),
        decision=decision,
        can_edit=access.can_edit_participant(current_user, p),
        sensitive=access.can_see_sensitive(current_user),
        missing=workflow.incomplete_reasons(p),
        documents=services.documents_of(p.delegation_id) if p.delegation_id else [],
        history=services.history(p.id) if access.is_officer(current_user) else [],
    )


@bp.route("/participants/<int:participant_id>/edit", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit_participant(participant_id: int):
    p = services.view_participant(_uid(), participant_id)
    if not access.can_edit_participant(current_user, p):
        flash(_("This record can no longer be changed here. Contact the accreditation team."), "warning")
        return redirect(url_for("registration.participant", participant_id=participant_id))
    sensitive = access.can_see_sensitive(current_user)
    form = ParticipantForm(obj=p)
    fill_record_choices(form)
    if request.method == "GET" and not sensitive:
        for name in SENSITIVE:
            getattr(form, name).data = None
    if form.validate_on_submit():
        with refusals(form) as outcome:
            services.update_participant(_uid(), participant_id, record_data(form))
        if outcome.ok:
            flash(_("Saved."), "success")
            return redirect(url_for("registration.participant", participant_id=participant_id))
    return render_template("registration/participant_form.html", form=form, d=p.delegation, p=p, sensitive=sensitive)


@bp.route("/participants/<int:participant_id>/photo", methods=["POST"])
@roles_required(*MANAGERS)
def upload_photo(participant_id: int):
    services.view_participant(_uid(), participant_id)
    form = PhotoForm()
    if not form.validate_on_submit():
        flash(form_errors(form), "danger")
        return redirect(url_for("registration.participant", participant_id=participant_id))
    with refusals() as outcome:
        photos.set_photo(_uid(), participant_id, form.photo.data.read())
    if outcome.ok:
        flash(_("Photo saved (cropped to 3:4)."), "success")
    return redirect(url_for("registration.participant", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/photo.jpg")
@roles_required(*MANAGERS, Role.SCANNER)
def photo(participant_id: int):
    path = photos.photo_file(_uid(), participant_id, thumb=request.args.get("size") == "thumb")
    response = send_file(stored_path(path), mimetype="image/jpeg", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/participants/<int:participant_id>/link", methods=["POST"])
@roles_required(*MANAGERS)
def send_link(participant_id: int):
    services.view_participant(_uid(), participant_id)
    if ActionForm().validate_on_submit():
        with refusals() as outcome:
            links.send_personal_link(_uid(), participant_id)
        if outcome.ok:
            flash(_("Personal link mailed: the member can now complete their own record."), "success")
    return redirect(url_for("registration.participant", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/submit", methods=["POST"])
@roles_required(*MANAGERS)
def submit_participant(participant_id: int):
    services.view_participant(_uid(), participant_id)
    if ActionForm().validate_on_submit():
        with refusals() as outcome:
            workflow.submit(_uid(), participant_id)
        if outcome.ok:
            flash(_("Submitted for accreditation."), "success")
    return redirect(url_for("registration.participant", participant_id=participant_id))


@bp.route("/participants/<int:participant_id>/decide", methods=["POST"])
@roles_required(*OFFICERS)
def decide(participant_id: int):
    services.participant_visible_to(_uid(), participant_id)
    form = DecisionForm()
    if form.validate_on_submit():
        with refusals() as outcome:
            p = workflow.transition(_uid(), participant_id, request.form.get("action", ""), form.message.data)
        if outcome.ok:
            flash(
                _("%(name)s is now %(state)s.", name=p.full_name, state=AccreditationStatus.label_of(p.status).lower()),
                "success",
            )
            return redirect(url_for("registration.queue_page", status="submitted"))
    return redirect(url_for("registration.participant", participant_id=participant_id))


# --- the accreditation queue ----------------------------------------------------------------------


@bp.route("/queue")
@roles_required(*OFFICERS)
def queue_page():
    filters = queue.Filters.from_args(request.args)
    page = queue.search(filters, page=request.args.get("page", 1, type=int))
    return render_template(
        "registration/queue.html",
        page=page,
        filters=filters,
        counts=queue.counts_by_state(),
        statuses=list(AccreditationStatus),
        types=DelegationType.labels(),
        categories=services.categories(),
        regions=services.un_regions(),
        decision=DecisionForm(),
    )


@bp.route("/queue/bulk", methods=["POST"])
@roles_required(*OFFICERS)
def queue_bulk():
    form = DecisionForm()
    ids = [int(v) for v in request.form.getlist("ids") if v.isdigit()]
    back = request.form.get("back") or ""
    back = back if back.startswith("/registration/queue") else url_for("registration.queue_page")
    if not form.validate_on_submit():
        return redirect(back)
    if not ids:
        flash(_("Tick at least one record."), "warning")
        return redirect(back)
    with refusals() as outcome:
        result = workflow.bulk(_uid(), ids, request.form.get("action", ""), form.message.data)
    if outcome.ok:
        flash(_("%(n)s record(s) changed.", n=len(result.done)), "success")
        for pid, why in result.skipped.items():
            flash(_("Record #%(id)s skipped: %(why)s", id=pid, why=why), "warning")
    return redirect(back)
