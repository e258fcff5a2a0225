"""Decisions other domains take about people who hold a participant record, applied through the workflow."""

from __future__ import annotations

from sqlalchemy import select

from conference.core.signals import exhibitor_decided
from conference.extensions import db
from conference.registration import workflow
from conference.registration.models import AccreditationStatus as S
from conference.registration.models import Participant

# The workflow action each record takes from each status when its exhibitor is accepted or refused;
# records in any other status are left to the accreditation officers.
_FOLLOWING = {
    True: {S.SUBMITTED: "approve"},
    False: {S.SUBMITTED: "reject", S.APPROVED: "cancel"},
}


@exhibitor_decided.connect
def on_exhibitor_decided(
    _sender, *, participant_ids: list[int], accepted: bool, decided_by_id: int | None, message: str | None, **_extra
) -> None:
    """Staff are accredited with their exhibitor, each transition audited and mailed like any other.

    Raises the workflow's refusal when ``decided_by_id`` is not an accreditation officer."""
    if not participant_ids:
        return
    current = db.session.execute(
        select(Participant.id, Participant.status).where(Participant.id.in_(participant_ids))
    ).all()
    for source, action in _FOLLOWING[accepted].items():
        matching = [pid for pid, state in current if state == source]
        if matching:
            workflow.bulk(decided_by_id, matching, action, message)
