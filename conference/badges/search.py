"""Badges in the organiser panel's search: by badge number (HN000123) or holder's name."""

from __future__ import annotations

from flask import url_for

from conference.accounts.roles import Role
from conference.badges.models import BadgeStatus
from conference.badges.services import find_badges
from conference.core.panel import SearchHit

OFFICERS = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER})


def search(query: str, limit: int) -> list[SearchHit]:
    hits = []
    for badge, holder in find_badges(query, limit=limit):
        state = "revoked" if badge.status == BadgeStatus.REVOKED else f"serial {badge.serial}"
        hits.append(
            SearchHit(
                kind="badge",
                title=f"{badge.number} · {holder.name}",
                subtitle=f"{holder.delegation} · {state}".strip(" ·"),
                url=url_for("badges.badge", badge_id=badge.id),
                roles=OFFICERS,
            )
        )
    return hits
