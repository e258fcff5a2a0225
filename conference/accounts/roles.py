"""The roles a user can hold. Admin may do everything an organiser role may."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.core.enums import LabelledEnum


class Role(LabelledEnum):
    ADMIN = "admin", _l("Administrator")
    ACCREDITATION_OFFICER = "accreditation_officer", _l("Accreditation officer")
    PROTOCOL_OFFICER = "protocol_officer", _l("Protocol officer")
    SCANNER = "scanner", _l("Scanner")
    EXHIBITOR = "exhibitor", _l("Exhibitor")
    FOCAL_POINT = "focal_point", _l("Focal point")
    PARTICIPANT = "participant", _l("Participant")


ORGANISER_ROLES = frozenset({Role.ADMIN, Role.ACCREDITATION_OFFICER, Role.PROTOCOL_OFFICER})


def grants(held: str, *roles: str) -> bool:
    """Whether holding role ``held`` allows what any of ``roles`` may do (admin may do everything)."""
    return held == Role.ADMIN or held in roles
