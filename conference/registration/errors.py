"""Every refusal of registration and accreditation, once: its code, HTTP status and message.

Field-level problems of a record or delegation are ``CoreError.INVALID_INPUT`` with ``fields``; the codes
here are the refusals a client needs to tell apart.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.core.errors import Reason


class RegistrationError(Reason):
    DELEGATION_NOT_FOUND = "delegation_not_found", 404, _l("No such delegation.")
    PARTICIPANT_NOT_FOUND = "participant_not_found", 404, _l("No such participant.")
    NOT_A_MEMBER = "not_a_member", 404, _l("That person is not a member of this delegation.")
    DOCUMENT_NOT_FOUND = "document_not_found", 404, _l("No such document.")
    PHOTO_NOT_FOUND = "photo_not_found", 404, _l("There is no photo to show.")
    PERSONAL_LINK_INVALID = (
        "personal_link_invalid",
        404,
        _l("This link is not valid. Ask your focal point for a new one."),
    )
    PERSONAL_LINK_EXPIRED = (
        "personal_link_expired",
        400,
        _l("This link has expired. Ask your focal point for a new one."),
    )
    NOT_FOCAL_POINT = "not_focal_point", 403, _l("Only a focal point can register a delegation.")
    OFFICERS_ONLY = "officers_only", 403, _l("Only accreditation officers can do this.")
    NOT_EDITABLE = (
        "not_editable",
        403,
        _l("This record is %(state)s and can no longer be changed here. Contact the accreditation team."),
    )
    EMAIL_NOT_VERIFIED = (
        "email_not_verified",
        403,
        _l("Confirm your email address first: open the link we mailed you, then submit."),
    )
    INDIVIDUAL_TYPE = (
        "bad_delegation_type",
        400,
        _l("Individuals register as media, NGO, academia or private sector."),
    )
    DELEGATION_EXISTS = (
        "delegation_exists",
        409,
        _l("%(name)s already has a registered delegation. Contact the accreditation team."),
    )
    DUPLICATE_PARTICIPANT = (
        "duplicate_participant",
        409,
        _l(
            "This %(what)s is already registered for an active participant%(clash)s. One person can be "
            "accredited only once; ask the accreditation team if this is a mistake."
        ),
    )
    EMAIL_MISSING = "email_missing", 400, _l("Add the member's email address first.")
    LOGIN_EXISTS = "login_exists", 409, _l("This registration already has a login. Use “Log in”.")
    UNKNOWN_ACTION = "unknown_action", 400, _l("“%(action)s” is not an action on a registration.")
    WRONG_STATE = "wrong_state", 400, _l("%(name)s is %(state)s; “%(action)s” is not possible now.")
    MESSAGE_REQUIRED = "message_required", 400, _l("Say why, in a message the focal point will read.")
    INCOMPLETE = "incomplete", 400, _l("Still missing: %(missing)s")
    DOCUMENTS_MISSING = "documents_missing", 400, _l("Upload the delegation's %(documents)s (PDF) first.")
    NOTHING_TO_SUBMIT = "nothing_to_submit", 400, _l("There is no member in draft to submit. Add members first.")
    IMPORT_FAILED = "import_failed", 400, _l("Nothing was imported: %(count)s problem(s) to fix in the file.")
