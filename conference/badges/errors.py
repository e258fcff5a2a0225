"""Every refusal of the badges domain: the code clients see, its HTTP status and the message a person reads.

The desk checkpoint (scanning) tells a steward why a hand-over did not happen from ``badge_revoked``,
``not_printed`` and ``already_collected``: keep those codes.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.core.errors import Reason


class BadgeError(Reason):
    BADGE_NOT_FOUND = "badge_not_found", 404, _l("No such badge.")
    BATCH_NOT_FOUND = "batch_not_found", 404, _l("No such print batch.")
    REVOKED = (
        "badge_revoked",
        409,
        _l("This badge is revoked: do not hand it over. Approving the accreditation again issues a new one."),
    )
    BAD_REASON = "bad_reason", 400, _l("Choose why the badge is reprinted.")
    NOTE_REQUIRED = "note_required", 400, _l("Say why the badge is reprinted.")
    ID_NOT_CHECKED = "id_not_checked", 400, _l("Check the holder's passport or ID before handing the badge over.")
    NOT_PRINTED = "not_printed", 409, _l("This badge has not been printed yet.")
    ALREADY_COLLECTED = "already_collected", 409, _l("This badge was already collected.")
    BAD_LAYOUT = "bad_layout", 400, _l("Choose a badge layout.")
    BAD_SELECTION = "bad_selection", 400, _l("Choose which badges to print.")
    BAD_VALUE = (
        "bad_value",
        400,
        _l("Choose the delegation, the category, the arrival date (YYYY-MM-DD) or the badge to print."),
    )
    NOTHING_TO_PRINT = "nothing_to_print", 409, _l("No approved badge matches this choice.")
    NOT_READY = "not_ready", 409, _l("This batch is still being drawn; try again in a moment.")
