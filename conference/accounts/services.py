"""Accounts: creating users, passwords (argon2), login, reset and verification links, API tokens.

Every function here flushes and leaves the commit to its caller's boundary (the request, the CLI
command); a refusal is a DomainError with a reason of ``AccountError``.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select

from conference.accounts.errors import AccountError
from conference.accounts.models import ApiToken, RecoveryCode, User
from conference.accounts.roles import Role
from conference.accounts.twofactor import is_enrolled
from conference.core import audit, emails
from conference.core.db import utcnow
from conference.core.errors import CoreError, DomainError
from conference.core.mail import queue_mail
from conference.extensions import db

_hasher = PasswordHasher()
RESET_MAX_AGE = 3600
VERIFY_MAX_AGE = 7 * 24 * 3600
MIN_PASSWORD = 10


def normalise_email(email: str) -> str:
    """The key an account is looked up by: the stored form of an address (anything else finds nobody)."""
    try:
        return emails.normalise_email(email)
    except emails.InvalidEmail:
        return email.strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    """Raises DomainError(``weak_password``) for a password too short to resist guessing."""
    if len(password) < MIN_PASSWORD:
        message = AccountError.WEAK_PASSWORD.message % {"min_length": MIN_PASSWORD}
        raise DomainError(AccountError.WEAK_PASSWORD, fields={"password": message}, min_length=MIN_PASSWORD)


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str,
    *,
    role: str = Role.PARTICIPANT,
    full_name: str = "",
    password: str | None = None,
    verified: bool = False,
) -> User:
    """Create an account. Raises DomainError(``invalid_input``) for what is not an address or a role,
    (``weak_password``), and (``email_taken``) when the email already has one."""
    try:
        email = emails.normalise_email(email)
    except emails.InvalidEmail as exc:
        raise DomainError(CoreError.INVALID_INPUT, fields={"email": str(exc)}) from exc
    _check_role(role)
    if password is not None:
        check_password_strength(password)
    if db.session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise DomainError(AccountError.EMAIL_TAKEN, fields={"email": AccountError.EMAIL_TAKEN.message})
    user = User(
        email=email,
        role=str(role),
        full_name=full_name,
        password_hash=hash_password(password) if password else None,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", "user", user.id, after={"email": email, "role": str(role)})
    return user


def _check_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise DomainError(CoreError.INVALID_INPUT, fields={"role": f"Unknown role {role!r}."})


def authenticate(email: str, password: str) -> User | None:
    """Return the user when the password matches; record the attempt either way (a failed attempt is
    an answer, not a refusal, so its audit entry is committed with the page that says so)."""
    user = get_user_by_email(email)
    ok = False
    if user is not None and user.password_hash and user.active:
        try:
            ok = _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if ok and _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
    if ok:
        user.last_login_at = utcnow()
        audit.record("auth.login", "user", user.id, actor_id=user.id, actor_label=user.email, security=True)
    else:
        audit.record(
            "auth.login_failed",
            "user",
            user.id if user else None,
            actor_label=normalise_email(email)[:200],
            security=True,
        )
    return user if ok else None


def record_logout(user: User) -> None:
    audit.record("auth.logout", "user", user.id, actor_id=user.id, actor_label=user.email, security=True)


def set_password(user: User, password: str, *, reason: str = "password.change") -> None:
    """Raises DomainError(``weak_password``)."""
    check_password_strength(password)
    user.password_hash = hash_password(password)
    audit.record(reason, "user", user.id, security=True)


# Signed links. The password hash is part of the reset signature so a link works only once.
def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "-").encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    return _serializer("password-reset").dumps({"uid": user.id, "fp": _fingerprint(user)})


def request_password_reset(email: str) -> None:
    """Queue a reset mail if the account exists; say nothing either way (no account probing)."""
    user = get_user_by_email(email)
    if user is None or not user.active:
        return
    link = url_for("accounts.reset_password", token=make_reset_token(user), _external=True)
    queue_mail(
        user.email,
        "Reset your password — Hanoi Convention 2025",
        f"Someone asked to reset the password of this account.\n\nOpen this link within one hour:\n{link}\n\n"
        "If it was not you, ignore this mail.",
        topic="password_reset",
    )
    audit.record("auth.reset_requested", "user", user.id, security=True)


def _load_link(salt: str, token: str, max_age: int, expired: AccountError = AccountError.LINK_EXPIRED) -> dict:
    """The data of a signed link; DomainError ``expired`` / ``link_invalid`` otherwise."""
    try:
        return _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise DomainError(expired) from exc
    except BadSignature as exc:
        raise DomainError(AccountError.LINK_INVALID) from exc


def _single_use_user(data: dict, used: AccountError) -> User:
    """The user a password link was made for, while their password is still the one it was made against."""
    user = db.session.get(User, data.get("uid"))
    if user is None or data.get("fp") != _fingerprint(user):
        raise DomainError(used)
    return user


def reset_password(token: str, password: str) -> User:
    """Raises DomainError(``link_expired`` | ``link_invalid`` | ``link_used`` | ``weak_password``)."""
    data = _load_link("password-reset", token, RESET_MAX_AGE)
    user = _single_use_user(data, AccountError.LINK_USED)
    set_password(user, password, reason="auth.password_reset")
    return user


def make_verify_token(user: User) -> str:
    return _serializer("email-verify").dumps({"uid": user.id, "email": user.email})


def send_verification(user: User) -> None:
    link = url_for("accounts.verify_email", token=make_verify_token(user), _external=True)
    queue_mail(
        user.email,
        "Confirm your email — Hanoi Convention 2025",
        f"Please confirm your email address by opening this link:\n{link}\n",
        topic="verify_email",
    )


def verify_email(token: str) -> User:
    """Raises DomainError(``link_expired`` | ``link_invalid``)."""
    data = _load_link("email-verify", token, VERIFY_MAX_AGE)
    user = db.session.get(User, data.get("uid"))
    if user is None or user.email != data.get("email"):
        raise DomainError(AccountError.LINK_INVALID)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        audit.record("user.email_verified", "user", user.id)
    return user


def _user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise DomainError(AccountError.USER_NOT_FOUND)
    return user


def _not_own(user_id: int, by_user_id: int | None) -> None:
    """Nobody changes the access of their own account, so a mistake never locks the last admin out."""
    if user_id == by_user_id:
        raise DomainError(AccountError.OWN_ACCOUNT)


def set_role(user_id: int, role: str, *, by_user_id: int | None = None) -> User:
    """Give an account another role. Raises DomainError(``user_not_found`` | ``own_account`` |
    ``invalid_input``)."""
    user = _user(user_id)
    _not_own(user_id, by_user_id)
    _check_role(role)
    before = user.role
    user.role = role
    audit.record("user.role_change", "user", user.id, before={"role": before}, after={"role": role}, security=True)
    return user


def set_preferred_locale(user_id: int, locale: str) -> None:
    """Remember the language a person chose, for their next session and the mails they get."""
    user = _user(user_id)
    user.preferred_locale = locale


# API tokens: shown once, stored as SHA-256 (they are long random strings, so no slow hash needed).
def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(user: User, name: str) -> str:
    token = "hct_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, name=name[:120], token_hash=_token_hash(token)))
    audit.record("api_token.issue", "user", user.id, after={"name": name}, security=True)
    return token


def api_token_holder(token: str) -> tuple[User, str] | None:
    """The one API-token look-up: the active user holding an unrevoked token, and the token's name
    (a scanning device's name). None for an unknown, revoked or deactivated one."""
    row = db.session.execute(
        select(User, ApiToken.name)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == _token_hash(token), ApiToken.revoked_at.is_(None), User.active)
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def user_for_api_token(token: str) -> User | None:
    holder = api_token_holder(token)
    return holder[0] if holder else None


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def users_with_roles(*roles: str) -> list[User]:
    """Accounts holding one of ``roles``, by email (for other domains' pickers)."""
    return list(db.session.scalars(select(User).where(User.role.in_(roles)).order_by(User.email)))


def revoke_api_token(token_id: int, user: User) -> None:
    """Raises DomainError(``token_not_found``), also for another person's token (unless admin)."""
    row = db.session.get(ApiToken, token_id)
    if row is None or (row.user_id != user.id and user.role != Role.ADMIN):
        raise DomainError(AccountError.TOKEN_NOT_FOUND)
    row.revoked_at = utcnow()
    audit.record("api_token.revoke", "user", row.user_id, after={"name": row.name}, security=True)


def set_active(user_id: int, active: bool, *, by_user_id: int | None = None, reason: str = "") -> User:
    """Deactivate (no login, no API token) or reactivate an account.
    Raises DomainError(``user_not_found`` | ``own_account``)."""
    user = _user(user_id)
    _not_own(user_id, by_user_id)
    if user.active != active:
        audit.record(
            "user.reactivate" if active else "user.deactivate",
            "user",
            user.id,
            before={"active": user.active},
            after={"active": active},
            reason=reason or None,
            security=True,
        )
        user.active = active
    return user


# Staff invitations: an account without a password and a mailed link to choose one (valid a week,
# once: like reset links, the signature covers the password hash).
INVITE_MAX_AGE = 7 * 24 * 3600


def make_invite_token(user: User) -> str:
    return _serializer("staff-invite").dumps({"uid": user.id, "fp": _fingerprint(user)})


def invite_staff(email: str, role: str, full_name: str = "") -> User:
    """Create a staff account with ``role`` and mail a link to set its password.
    Raises DomainError(``email_taken`` | ``invalid_input``)."""
    user = create_user(email, role=role, full_name=full_name.strip())
    link = url_for("accounts.accept_invite", token=make_invite_token(user), _external=True)
    queue_mail(
        user.email,
        "Your staff account — Hanoi Convention 2025",
        f"You have been given a {Role(role).label.lower()} account on the conference platform.\n\n"
        f"Choose your password within seven days:\n{link}\n\n"
        "Organiser accounts then set up two-factor login with an authenticator app at the first login.",
        topic="staff_invite",
    )
    audit.record("user.invite", "user", user.id, after={"email": user.email, "role": role}, security=True)
    return user


def accept_invite(token: str, password: str) -> User:
    """Raises DomainError(``invitation_expired`` | ``link_invalid`` | ``invitation_used`` | ``weak_password``)."""
    data = _load_link("staff-invite", token, INVITE_MAX_AGE, AccountError.INVITATION_EXPIRED)
    user = _single_use_user(data, AccountError.INVITATION_USED)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    set_password(user, password, reason="auth.invite_accepted")
    return user


def reset_two_factor(user_id: int, *, by_user_id: int, reason: str) -> User:
    """Another admin clears a user's two-factor login (lost phone); the user enrols again at the
    next login, and sessions opened with the old factor stop working.
    Raises DomainError(``own_account`` | ``reason_required`` | ``user_not_found``)."""
    _not_own(user_id, by_user_id)
    if not reason.strip():
        raise DomainError(CoreError.REASON_REQUIRED, fields={"reason": CoreError.REASON_REQUIRED.message})
    user = db.session.scalar(select(User).where(User.id == user_id).with_for_update())
    if user is None:
        raise DomainError(AccountError.USER_NOT_FOUND)
    before = {"enrolled": is_enrolled(user)}
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record(
        "auth.2fa_reset", "user", user.id, before=before, after={"enrolled": False}, reason=reason, security=True
    )
    return user


ADMIN_EMAIL = "admin@hanoi-convention.example"


def ensure_admin(email: str = ADMIN_EMAIL, *, reset: bool = False) -> str | None:
    """Create the admin account (or, with ``reset``, give it a new password); returns the new
    password, to be shown once, or None when the account exists and keeps its password."""
    user = get_user_by_email(email)
    password = secrets.token_urlsafe(12)
    if user is None:
        create_user(email, role=Role.ADMIN, full_name="Conference administrator", password=password, verified=True)
        return password
    if reset:
        set_password(user, password, reason="auth.admin_password_reset")
        return password
    return None
