"""Reads other domains need from accounts, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select

from conference.accounts.models import User
from conference.accounts.roles import ORGANISER_ROLES, Role, grants
from conference.accounts.services import normalise_email
from conference.accounts.twofactor import is_enrolled
from conference.extensions import db


@dataclass(frozen=True)
class UserBrief:
    """Who is acting: enough for another domain's object-level rules and mail."""

    id: int
    email: str
    full_name: str
    role: str
    active: bool
    email_verified: bool

    def has_role(self, *roles: str) -> bool:
        return grants(self.role, *roles)


def user_brief(user_id: int | None) -> UserBrief | None:
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is None:
        return None
    return UserBrief(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        active=user.active,
        email_verified=user.email_verified_at is not None,
    )


@dataclass(frozen=True)
class StaffAccount:
    """An account as the panel's People page shows it."""

    id: int
    email: str
    full_name: str
    role: Role
    active: bool
    invited: bool  # no password chosen yet
    two_factor: bool
    last_login_at: dt.datetime | None


def _staff_account(user: User) -> StaffAccount:
    return StaffAccount(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        active=user.active,
        invited=user.password_hash is None,
        two_factor=is_enrolled(user),
        last_login_at=user.last_login_at,
    )


def staff_accounts() -> list[StaffAccount]:
    """Organiser and scanner accounts (participants, focal points and exhibitors are many and
    managed by their own domains), plus any deactivated account."""
    roles = [str(r) for r in ORGANISER_ROLES] + [Role.SCANNER.value]
    users = db.session.scalars(
        select(User).where(User.role.in_(roles) | User.active.is_(False)).order_by(User.role, User.email)
    )
    return [_staff_account(user) for user in users]


def staff_account(user_id: int) -> StaffAccount | None:
    user = db.session.get(User, user_id)
    return _staff_account(user) if user is not None else None


def staff_account_by_email(email: str) -> StaffAccount | None:
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    return _staff_account(user) if user is not None else None


def emails_of(user_ids: Collection[int | None]) -> dict[int, str]:
    """User id → e-mail address of each existing account among ``user_ids`` (None ignored)."""
    ids = {uid for uid in user_ids if uid is not None}
    if not ids:
        return {}
    return {uid: email for uid, email in db.session.execute(select(User.id, User.email).where(User.id.in_(ids)))}
