"""Every refusal of the exhibition: applications, decisions, booths, staff and booth scans.

One code per meaning; the same code reaches the JSON API, the flash on a page and the scanner's log.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.core.errors import Reason


class ExhibitionError(Reason):
    EXHIBITOR_NOT_FOUND = "exhibitor_not_found", 404, _l("No such exhibitor.")
    UNKNOWN_BOOTH = "unknown_booth", 400, _l("There is no booth %(code)s.")
    ORGANISATION_NAME_REQUIRED = "organisation_name_required", 400, _l("Give the organisation's name.")
    UNKNOWN_KIND = "unknown_kind", 400, _l("Choose what kind of organisation exhibits.")
    UNKNOWN_THEME = "unknown_theme", 400, _l("Choose one of the exhibition's themes.")
    UNKNOWN_SIZE = "unknown_size", 400, _l("Choose one of the booth sizes the hall offers (9, 18 or 36 m²).")
    BAD_WEBSITE = "bad_website", 400, _l("The website must be a full address starting with https://.")
    TOO_MANY_STAFF = "too_many_staff", 400, _l("A booth has at most %(limit)s staff members.")
    STAFF_EXISTS = "staff_exists", 409, _l("%(email)s is already on the staff list.")
    STAFF_NAME_REQUIRED = (
        "staff_name_required",
        400,
        _l("Give each staff member's given names and family name."),
    )
    STAFF_BAD_EMAIL = "staff_bad_email", 400, _l("%(email)s is not an email address.")
    APPLICATION_EXISTS = "application_exists", 409, _l("This account has already applied to exhibit.")
    EXHIBITOR_REJECTED = (
        "exhibitor_rejected",
        409,
        _l("This application was not accepted; staff cannot be added."),
    )
    ALREADY_APPROVED = "already_approved", 409, _l("This exhibitor is already approved.")
    ALREADY_REJECTED = "already_rejected", 409, _l("This application is already refused.")
    NOT_APPROVED = "not_approved", 409, _l("Approve the application before allocating a booth.")
    BOOTH_TOO_SMALL = (
        "booth_too_small",
        409,
        _l("Booth %(code)s has %(size)s m²; %(organisation)s asked for %(requested)s m²."),
    )
    ALREADY_ALLOCATED = "already_allocated", 409, _l("%(organisation)s already has booth %(code)s.")
    BOOTH_TAKEN = "booth_taken", 409, _l("Booth %(code)s is already allocated to %(holder)s.")
    NO_BOOTH = "no_booth", 409, _l("This exhibitor has no booth.")
    BOOTH_NOT_ALLOCATED = "booth_not_allocated", 409, _l("Booth %(code)s has no exhibitor.")
    NOT_BOOTH_STAFF = "not_booth_staff", 403, _l("You are not on the staff of booth %(code)s.")
