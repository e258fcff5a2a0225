"""The scanning domain's codes with their labels: checkpoint kinds, directions, re-entry rules and the
scan verdict reasons (public: other domains and templates read them)."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from conference.core.enums import LabelledEnum


class CheckpointKind(LabelledEnum):
    ZONE_GATE = "zone_gate", _l("Zone gate")
    SESSION_DOOR = "session_door", _l("Session door")
    BOOTH = "booth", _l("Exhibition booth")
    DESK = "desk", _l("Accreditation desk (badge collection)")


class Direction(LabelledEnum):
    IN = "in", _l("Entry")
    OUT = "out", _l("Exit")


class Reentry(LabelledEnum):
    """What a second entry without an exit in between gets."""

    # Refused while inside (anti-passback); fine after an exit scan.
    AFTER_EXIT = "after_exit", _l("Again after an exit scan (anti-passback)")
    ONCE = "once", _l("Only once")  # only the first entry ever
    ANY = "any", _l("Always (no passback check)")  # always let in; presence is still tracked


class Reason(LabelledEnum):
    """One code per scan verdict. A verdict is not an error: every scan is recorded with one.

    Each member carries everything shown of it, in this one place: the short label (lists, the panel),
    the message the steward reads on the verdict screen (API and scanner page) and the screen's colour.
    """

    _message: LazyString | str
    colour: str

    def __new__(cls, value: str, label: LazyString | str, message: LazyString | str = "", colour: str = "red") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        member._message = message
        member.colour = colour
        return member

    ACCEPTED = "accepted", _l("Accepted"), _l("Welcome: let this person in."), "green"
    ALREADY_INSIDE = (
        "already_inside",
        _l("Already inside"),
        _l("Already inside: this badge entered and has not left."),
        "amber",
    )
    WRONG_ZONE = "wrong_zone", _l("Wrong zone"), _l("Wrong zone: this badge does not give access here.")
    SESSION_FULL = "session_full", _l("Session full"), _l("Session full: no seats left in this room.")
    NOT_OPEN = "not_open", _l("Not open"), _l("Closed: this checkpoint is not open at this time.")
    SUPERSEDED = "superseded", _l("Superseded"), _l("Old badge: replaced by a reprint. Ask for the new badge.")
    REVOKED = "revoked", _l("Revoked"), _l("Badge revoked: keep the badge and call the supervisor.")
    NOT_APPROVED = "not_approved", _l("Not approved"), _l("Accreditation not approved or cancelled.")
    INVALID = "invalid", _l("Invalid"), _l("Not a badge of this event (forged or foreign code).")
    UNREADABLE = "unreadable", _l("Unreadable"), _l("Unreadable code: scan again."), "amber"

    @property
    def message(self) -> str:
        """What the steward reads, in the current locale."""
        return str(self._message)

    @property
    def accepted(self) -> bool:
        return self is Reason.ACCEPTED

    @classmethod
    def messages(cls) -> dict[str, str]:
        """Code → message, for the scanner page's offline verdicts."""
        return {member.value: member.message for member in cls}


class Collected(StrEnum):
    """At the accreditation desk: was the badge handed over with this scan, and if not, why (the scanner
    page words each case)."""

    NOW = "now"
    ALREADY = "already"
    NOT_PRINTED = "not_printed"
    REVOKED = "revoked"
