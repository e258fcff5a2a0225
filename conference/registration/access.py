"""Who may see or change which delegation and participant (object-level rules, one place).

Officers see everything; a focal point sees only the delegations they registered; a participant
sees only their own record. Callers answer 404 when ``can_*`` is false, so nothing leaks.
"""

from __future__ import annotations

from typing import Protocol

from conference.accounts.roles import Role
from conference.registration.models import AccreditationStatus, Delegation, Participant

EDITABLE_BY_FOCAL_POINT = frozenset({AccreditationStatus.DRAFT, AccreditationStatus.CHANGES_REQUESTED})
CLOSED = frozenset({AccreditationStatus.REJECTED, AccreditationStatus.CANCELLED})


class Actor(Protocol):
    """Who acts: the logged-in account of a page, or accounts' plain brief of a user id."""

    id: int
    email: str

    def has_role(self, *roles: str) -> bool: ...


def is_officer(user: Actor | None) -> bool:
    return user is not None and user.has_role(Role.ACCREDITATION_OFFICER)


def can_manage_delegation(user: Actor | None, delegation: Delegation | None) -> bool:
    if user is None or delegation is None:
        return False
    return is_officer(user) or (delegation.focal_point_id is not None and delegation.focal_point_id == user.id)


def is_focal_point_of(user: Actor | None, participant: Participant) -> bool:
    return (
        user is not None
        and participant.delegation is not None
        and participant.delegation.focal_point_id is not None
        and participant.delegation.focal_point_id == user.id
    )


def can_view_participant(user: Actor | None, participant: Participant | None) -> bool:
    if user is None or participant is None:
        return False
    return (
        is_officer(user)
        or is_focal_point_of(user, participant)
        or (participant.user_id is not None and participant.user_id == user.id)
    )


def can_view_photo(user: Actor | None, participant: Participant | None) -> bool:
    """Photos also go to scanner staff, who compare the face at the door."""
    return can_view_participant(user, participant) or (user is not None and user.has_role(Role.SCANNER))


def can_edit_participant(user: Actor | None, participant: Participant) -> bool:
    """Focal point and the participant edit while pending; after approval only officers do."""
    if user is None:
        return False
    if is_officer(user):
        return participant.status not in CLOSED
    own = is_focal_point_of(user, participant) or (participant.user_id is not None and participant.user_id == user.id)
    return own and participant.status in EDITABLE_BY_FOCAL_POINT


def can_see_sensitive(user: Actor | None) -> bool:
    return is_officer(user)
