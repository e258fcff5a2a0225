"""Every refusal of accounts, logins and two-factor login, once: its code, HTTP status and message.

A value that is not valid for its field (an address that is not one, a role that does not exist) is
``CoreError.INVALID_INPUT`` with the field named; the codes here are the refusals a person or client
needs to tell apart.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.core.errors import Reason


class AccountError(Reason):
    USER_NOT_FOUND = "user_not_found", 404, _l("No such user.")
    TOKEN_NOT_FOUND = "token_not_found", 404, _l("No such token.")
    EMAIL_TAKEN = "email_taken", 409, _l("An account with this email already exists.")
    WEAK_PASSWORD = "weak_password", 400, _l("Use at least %(min_length)d characters.")
    LINK_EXPIRED = "link_expired", 400, _l("This link has expired. Ask for a new one.")
    LINK_INVALID = "link_invalid", 400, _l("This link is not valid.")
    LINK_USED = "link_used", 400, _l("This link has already been used. Ask for a new one.")
    INVITATION_EXPIRED = (
        "invitation_expired",
        400,
        _l("This invitation has expired. Ask an administrator for a new one."),
    )
    INVITATION_USED = (
        "invitation_used",
        400,
        _l("This invitation has already been used. Log in, or reset your password."),
    )
    OWN_ACCOUNT = (
        "own_account",
        403,
        _l("You cannot change the access of your own account; another administrator must do it."),
    )
    TWO_FACTOR_ENROLLED = "2fa_enrolled", 409, _l("Two-factor login is already set up for this account.")
    TWO_FACTOR_NOT_ENROLLED = "2fa_not_enrolled", 409, _l("Two-factor login is not set up for this account.")
    TWO_FACTOR_NOT_STARTED = "2fa_not_started", 409, _l("Start the set-up again: scan the new QR code.")
    BAD_CODE = (
        "bad_code",
        400,
        _l("That code is not valid. Check the time on your phone and try the current code from your app."),
    )
