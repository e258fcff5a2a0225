"""The agenda's reactions to other domains' changes (run inside the sender's transaction)."""

from __future__ import annotations

from conference.agenda.signups import cancel_all_for
from conference.core.signals import accreditation_changed
from conference.registration.enums import AccreditationStatus


@accreditation_changed.connect
def free_seats_of_withdrawn_participant(sender, participant_id: int, old_status: str, new_status: str, **_) -> None:
    """A rejected or cancelled registration gives its seats back to the people waiting."""
    if new_status in (AccreditationStatus.REJECTED, AccreditationStatus.CANCELLED):
        cancel_all_for(participant_id, reason=f"accreditation {new_status}")
