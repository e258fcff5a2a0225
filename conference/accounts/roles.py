"""The roles a user can hold. Admin may do everything an organiser role may."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    ACCREDITATION_OFFICER = "accreditation_officer"
    PROTOCOL_OFFICER = "protocol_officer"
    SCANNER = "scanner"
    EXHIBITOR = "exhibitor"
    FOCAL_POINT = "focal_point"
    PARTICIPANT = "participant"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


ORGANISER_ROLES = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER})


def grants(held: str, *roles: str) -> bool:
    """Whether holding role ``held`` allows what any of ``roles`` may do (admin may do everything)."""
    return held == Role.ADMIN or held in roles
