"""Badges in the organiser panel's search: by badge number (HN000123) or holder's name."""

from __future__ import annotations

from flask import url_for

from conference.accounts.roles import Role
from conference.badges.services import find_badges
from conference.core.panel import SearchHit

OFFICERS = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER})


def search(query: str, limit: int) -> list[SearchHit]:
    hits = []
    for badge in find_badges(query, limit=limit):
        participant = badge.participant
        delegation = participant.delegation.name if participant.delegation else ""
        state = "revoked" if badge.status == "revoked" else f"serial {badge.serial}"
        hits.append(
            SearchHit(
                kind="badge",
                title=f"{badge.number} · {participant.display_name}",
                subtitle=f"{delegation} · {state}".strip(" ·"),
                url=url_for("badges.badge", badge_id=badge.id),
                roles=OFFICERS,
            )
        )
    return hits
