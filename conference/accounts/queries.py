"""Reads other domains need from accounts, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

from dataclasses import dataclass

from conference.accounts.models import User
from conference.extensions import db


@dataclass(frozen=True)
class UserBrief:
    id: int
    email: str
    role: str
    active: bool


def user_brief(user_id: int | None) -> UserBrief | None:
    user = db.session.get(User, user_id) if user_id is not None else None
    return UserBrief(user.id, user.email, user.role, user.active) if user else None
