"""A participant's own record: through the personal link, or through their own login."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from conference.accounts.guards import public, roles_required
from conference.accounts.roles import Role
from conference.core.uploads import stored_path
from conference.core.web import refusals
from conference.extensions import limiter
from conference.registration import access, links, photos, privacy, services, workflow
from conference.registration.forms import ActionForm, LoginFromLinkForm, ParticipantForm, PhotoForm
from conference.registration.pages import bp, fill_record_choices, form_errors, record_data
from conference.registration.schemas import SENSITIVE


@bp.route("/me/<token>", methods=["GET", "POST"])
@limiter.limit("60 per minute")
@public
def personal_record(token: str):
    p = links.participant_for_link(token)
    editable = p.status in access.EDITABLE_BY_FOCAL_POINT
    form = ParticipantForm(obj=p)
    fill_record_choices(form)
    form.consent.label.text = _("I have read the privacy notice and consent to this processing of my data")
    if request.method == "GET":
        for name in SENSITIVE:
            getattr(form, name).data = None
    if editable and form.validate_on_submit():
        data = record_data(form)
        data.pop("category_code")  # the focal point decides the category
        with refusals(form) as outcome:
            services.update_participant(None, p.id, data, via_link=True)
        if outcome.ok:
            flash(_("Saved. Thank you."), "success")
            return redirect(url_for("registration.personal_record", token=token))
    return render_template(
        "registration/personal.html",
        p=p,
        token=token,
        form=form,
        editable=editable,
        photo_form=PhotoForm(),
        action_form=ActionForm(),
        login_form=LoginFromLinkForm() if p.user_id is None and p.email else None,
        missing=workflow.incomplete_reasons(p),
    )


@bp.route("/me/<token>/login", methods=["POST"])
@limiter.limit("10 per hour")
@public
def personal_login(token: str):
    links.participant_for_link(token)
    form = LoginFromLinkForm()
    if not form.validate_on_submit():
        flash(form_errors(form), "danger")
        return redirect(url_for("registration.personal_record", token=token))
    with refusals() as outcome:
        user = links.create_login_from_link(token, form.password.data)
    if not outcome.ok:
        return redirect(url_for("registration.personal_record", token=token))
    login_user(user)
    flash(_("Your login is ready: sign in with %(email)s from now on.", email=user.email), "success")
    return redirect(url_for("registration.my_record"))


@bp.route("/me/<token>/photo", methods=["POST"])
@public
def personal_photo_upload(token: str):
    p = links.participant_for_link(token)
    form = PhotoForm()
    if not form.validate_on_submit():
        flash(form_errors(form), "danger")
        return redirect(url_for("registration.personal_record", token=token))
    with refusals() as outcome:
        photos.set_photo(None, p.id, form.photo.data.read(), via_link=True)
    if outcome.ok:
        flash(_("Photo saved (cropped to 3:4)."), "success")
    return redirect(url_for("registration.personal_record", token=token))


@bp.route("/me/<token>/photo.jpg")
@public
def personal_photo(token: str):
    p = links.participant_for_link(token)
    path = photos.photo_file(None, p.id, thumb=request.args.get("size") == "thumb", via_link=True)
    response = send_file(stored_path(path), mimetype="image/jpeg", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/me/<token>/submit", methods=["POST"])
@public
def personal_submit(token: str):
    p = links.participant_for_link(token)
    if ActionForm().validate_on_submit():
        with refusals() as outcome:
            workflow.submit(None, p.id, via_link=True)
        if outcome.ok:
            flash(_("Submitted for accreditation. We will mail you the decision."), "success")
    return redirect(url_for("registration.personal_record", token=token))


@bp.route("/me/<token>/data.json")
@public
def personal_data(token: str):
    p = links.participant_for_link(token)
    return _download(privacy.own_data(p), p.id)


def _download(data: dict, participant_id: int):
    response = jsonify(data)
    response.headers["Content-Disposition"] = f"attachment; filename=my-registration-{participant_id}.json"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/my")
@roles_required(Role.PARTICIPANT)
def my_record():
    p = services.participant_for_user(current_user.id)
    if p is None:
        return redirect(url_for("registration.index"))
    return redirect(url_for("registration.participant", participant_id=p.id))


@bp.route("/my/data.json")
@roles_required(Role.PARTICIPANT, Role.FOCAL_POINT)
def my_data():
    p = services.participant_for_user(current_user.id)
    if p is None:
        abort(404)
    return _download(privacy.own_data(p), p.id)
