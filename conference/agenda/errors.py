"""Every refusal of the agenda (programme, sign-up, list of speakers, signing), once: code, status, message.

The same codes answer the JSON API, the flash messages of the pages and the errors beside form fields.
Generic refusals (a malformed body, a page that does not exist) use ``CoreError``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.core.errors import Reason


class AgendaError(Reason):
    # Records that do not exist.
    SESSION_NOT_FOUND = "session_not_found", 404, _l("No such session.")
    PLENARY_NOT_FOUND = "plenary_not_found", 404, _l("No such plenary session.")
    DECLARATION_NOT_FOUND = "declaration_not_found", 404, _l("No such declaration.")
    INSCRIPTION_NOT_FOUND = "inscription_not_found", 404, _l("No such inscription.")
    FEED_NOT_FOUND = "feed_not_found", 404, _l("This calendar link is not valid (it may have been reset).")

    # Who may act.
    NOT_THE_FOCAL_POINT = "not_the_delegations_focal_point", 403, _l("Only the delegation's focal point may do this.")
    NOT_YOURS_TO_BOOK = (
        "not_yours_to_book",
        403,
        _l("You may only sign up (or cancel) yourself or the members of your delegation."),
    )
    OFFICERS_ONLY = "protocol_officers_only", 403, _l("Only a protocol officer runs the list of speakers.")
    NO_PARTICIPANT = "no_participant", 400, _l("Your account is not linked to a registered participant.")

    # The programme.
    CLASH = "clash", 409, _l("The programme cannot take this session as typed: %(summary)s")
    DUPLICATE_CODE = "duplicate_code", 409, _l("Another session already has the code %(code)s.")
    SESSION_HAS_SIGNUPS = "session_has_signups", 409, _l("%(count)s people are signed up for this session.")

    # Sign-up.
    NOT_ACCREDITED = (
        "not_accredited",
        400,
        _l("%(name)s's registration must be submitted or approved before signing up."),
    )
    NO_SIGNUP = "no_signup", 400, _l("This session is open to all accredited participants without sign-up.")
    ALREADY_SIGNED_UP = "already_signed_up", 409, _l("%(name)s is already signed up for this session.")
    OVERLAP = (
        "overlap",
        409,
        _l("%(name)s is already signed up for “%(title)s” (%(when)s) at the same time. Cancel that one first."),
    )
    NOT_SIGNED_UP = "not_signed_up", 404, _l("%(name)s is not signed up for this session.")

    # Lists put in order by hand (speakers, signing parties).
    STALE_ORDER = "stale_order", 400, _l("The list changed meanwhile; reload the page and try again.")
    CANNOT_MOVE = "cannot_move", 400, _l("%(name)s cannot move further that way.")
    HOST_FIRST = "host_first", 400, _l("The host country signs first.")
    BAD_LEVEL = "bad_level", 400, _l("Choose a level from the list.")

    # The list of speakers.
    SPEAKER_REQUIRED = "speaker_required", 400, _l("Name the speaker.")
    ALREADY_INSCRIBED = (
        "already_inscribed",
        409,
        _l("%(delegation)s is already on the list of speakers of this session."),
    )
    BAD_TIME_LIMIT = "bad_time_limit", 400, _l("The time limit is a number of minutes between 1 and 30.")
    NOBODY_SPEAKING = "nobody_speaking", 400, _l("Give the floor to a speaker first.")
    BAD_STATUS = "bad_status", 400, _l("A speaker can only be marked as spoken or withdrawn.")

    # The signing.
    NOT_A_SIGNING_PARTY = "not_a_signing_party", 400, _l("Only States and the European Union can sign the Convention.")
    SIGNATORY_REQUIRED = "signatory_required", 400, _l("Give the signatory's name and title.")
    ALREADY_SIGNED = "already_signed", 409, _l("%(party)s has already signed the Convention.")
    ALREADY_DECLARED = "already_declared", 409, _l("%(party)s has already declared its intention to sign.")
    FULL_POWERS_NOT_NEEDED = "full_powers_not_needed", 400, _l("This signatory signs without full powers.")
    NO_FULL_POWERS = "no_full_powers", 400, _l("There are no full powers to review.")
    BAD_SLOT_LENGTH = "bad_slot_length", 400, _l("A signing slot lasts between 1 and 30 minutes.")
    FULL_POWERS_NOT_VERIFIED = (
        "full_powers_not_verified",
        400,
        _l("%(signatory)s (%(level)s) needs verified full powers before the signature can be recorded."),
    )
