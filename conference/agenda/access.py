"""Who acts for whom in the agenda: protocol officers (and admins) for every delegation and participant."""

from __future__ import annotations

from conference.accounts.queries import user_brief
from conference.accounts.roles import Role

OFFICER_ROLES = frozenset({Role.ADMIN, Role.PROTOCOL_OFFICER})


def is_officer(user_id: int) -> bool:
    user = user_brief(user_id)
    return user is not None and user.role in OFFICER_ROLES
