"""Signals between domains, so that one domain reacts to another's state change without importing it.

Senders pass plain values. Receivers live in ``conference/<domain>/receivers.py`` (imported by
``create_app``) and run inside the sender's transaction: they must not commit.
"""

from blinker import Namespace

_signals = Namespace()

# registration → badges, agenda, …: kwargs participant_id, old_status, new_status
accreditation_changed = _signals.signal("accreditation-changed")
# registration → badges: kwargs participant_id, fields (names of changed badge fields: name, photo, category)
badge_details_changed = _signals.signal("badge-details-changed")
# scanning → exhibition: kwargs booth_id, participant_id, staff_user_id, scanned_at, accepted
booth_scanned = _signals.signal("booth-scanned")
# exhibition → registration: kwargs participant_ids (the exhibitor's staff records), accepted, decided_by_id,
# message (why, when refused): the staff's accreditation follows the exhibitor decision through the workflow
exhibitor_decided = _signals.signal("exhibitor-decided")

# core (``flask serve``, i.e. ``make run``) → any domain: the platform is about to be served. Receivers
# prepare what a running platform needs (the first admin account) and return the lines to show the
# person who started it; the command commits their work once.
serving = _signals.signal("serving")
