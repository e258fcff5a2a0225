"""Reads of accounts for other domains: plain data, never the ORM row."""

from __future__ import annotations

from dataclasses import dataclass

from conference.accounts.models import User
from conference.accounts.roles import grants
from conference.extensions import db


@dataclass(frozen=True)
class UserBrief:
    """Who is acting: enough for another domain's object-level rules and mail."""

    id: int
    email: str
    full_name: str
    role: str
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
        email_verified=user.email_verified_at is not None,
    )
