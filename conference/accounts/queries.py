"""Reads other domains need from accounts, as plain data (no ORM rows leave the domain)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select

from conference.accounts.models import User
from conference.extensions import db


def emails_of(user_ids: Collection[int | None]) -> dict[int, str]:
    """User id → e-mail address of each existing account among ``user_ids`` (None ignored)."""
    ids = {uid for uid in user_ids if uid is not None}
    if not ids:
        return {}
    return {uid: email for uid, email in db.session.execute(select(User.id, User.email).where(User.id.in_(ids)))}
