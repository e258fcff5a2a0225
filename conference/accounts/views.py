from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from conference.accounts import services, twofactor
from conference.accounts.forms import CodeForm, LoginForm, NewPasswordForm, ResetRequestForm, TokenForm
from conference.accounts.guards import login_required, public
from conference.accounts.models import User
from conference.accounts.roles import Role
from conference.core.errors import DomainError
from conference.extensions import db, limiter

bp = Blueprint("accounts", __name__)
# Templates name roles as ``Role.SCANNER``, like the guards do.
bp.add_app_template_global(Role, "Role")


def _safe_next(target: str | None) -> str:
    if target and urlsplit(target).netloc == "" and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("core.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
@public
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Wrong email or password."), "danger")
        elif twofactor.required_for(user):
            # Password step done; the session holds a pending login that no guard accepts.
            session[PENDING] = {"uid": user.id, "at": time.time(), "next": _safe_next(request.args.get("next"))}
            target = "accounts.second_factor" if twofactor.is_enrolled(user) else "accounts.enrol_second_factor"
            return redirect(url_for(target))
        else:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


# --- two-factor login -------------------------------------------------------------------------
PENDING = "tfa_pending"
VERIFIED = "tfa"
PENDING_MAX_AGE = 600


@bp.before_app_request
def enforce_second_factor() -> None:
    """A session counts as logged in only after the second factor when the role needs one (a role
    given, or a 2FA reset, while logged in ends the session)."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    if g.get("api_token_auth"):  # set while loading the user from a bearer token, just above
        return
    if twofactor.required_for(current_user):
        marker = twofactor.session_marker(current_user)
        if marker is None or session.get(VERIFIED) != marker:
            logout_user()


def _pending_user() -> User | None:
    pending = session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_MAX_AGE:
        session.pop(PENDING, None)
        return None
    user = db.session.get(User, pending["uid"])
    return user if user is not None and user.active else None


def _finish_login(user: User):
    target = session.pop(PENDING, {}).get("next") or url_for("core.home")
    login_user(user)
    session[VERIFIED] = twofactor.session_marker(user)
    return target


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
@public
def second_factor():
    user = _pending_user()
    if user is None:
        flash(_("Log in with your password first."), "info")
        return redirect(url_for("accounts.login"))
    if not twofactor.is_enrolled(user):
        return redirect(url_for("accounts.enrol_second_factor"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            method = twofactor.verify(user.id, form.code.data)
        except DomainError as exc:
            form.code.errors = [exc.message]
        else:
            target = _finish_login(user)
            if method == "recovery":
                left = twofactor.recovery_codes_left(user.id)
                flash(_("You used a recovery code; %(n)d left. Make new ones on your account page.", n=left), "warning")
            return redirect(target)
    return render_template("accounts/second_factor.html", form=form)


@bp.route("/login/enrol", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
@public
def enrol_second_factor():
    user = _pending_user()
    if user is None:
        flash(_("Log in with your password first."), "info")
        return redirect(url_for("accounts.login"))
    if twofactor.is_enrolled(user):
        return redirect(url_for("accounts.second_factor"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            codes = twofactor.confirm_enrolment(user.id, form.code.data)
        except DomainError as exc:
            form.code.errors = [exc.message]
        else:
            target = _finish_login(user)
            return render_template("accounts/recovery_codes.html", codes=codes, next_url=target)
    elif request.method == "GET" or not user.totp_secret:
        twofactor.start_enrolment(user.id)
    return render_template(
        "accounts/enrol.html",
        form=form,
        secret=user.totp_secret,
        qr=twofactor.qr_data_uri(twofactor.provisioning_uri(user)),
    )


@bp.route("/account/recovery-codes", methods=["POST"])
@login_required
def renew_recovery_codes():
    codes = twofactor.regenerate_recovery_codes(current_user.id)
    return render_template("accounts/recovery_codes.html", codes=codes, next_url=url_for("accounts.account"))


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@public
def accept_invite(token: str):
    return _new_password_page(services.accept_invite, token, _("Your password is set. Log in with it now."))


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.record_logout(current_user._get_current_object())
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("core.home"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
@public
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(_("If an account exists for that address, a reset link is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@public
def reset_password(token: str):
    return _new_password_page(services.reset_password, token, _("Your password is changed. Log in with it now."))


def _new_password_page(apply, token: str, done: str):
    """The form behind a mailed password link (reset or invitation): ``apply(token, password)``."""
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            apply(token, form.password.data)
        except DomainError as exc:
            flash(exc.message, "danger")
        else:
            flash(done, "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/verify/<token>")
@public
def verify_email(token: str):
    try:
        services.verify_email(token)
    except DomainError as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Thank you, your email address is confirmed."), "success")
    return redirect(url_for("core.home") if current_user.is_authenticated else url_for("accounts.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        new_token = services.issue_api_token(current_user._get_current_object(), form.name.data)
    tokens = [t for t in current_user.tokens if t.revoked_at is None]
    enrolled = twofactor.is_enrolled(current_user)
    return render_template(
        "accounts/account.html",
        form=form,
        tokens=tokens,
        new_token=new_token,
        two_factor=enrolled,
        recovery_left=twofactor.recovery_codes_left(current_user.id) if enrolled else 0,
    )


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    services.revoke_api_token(token_id, current_user._get_current_object())
    flash(_("Token revoked."), "info")
    return redirect(url_for("accounts.account"))
