"""Lead capture from the scanner page in booth mode (``booth_scanned`` from the scanning domain).

Runs inside the scanner's transaction: records without committing, and never breaks the scanner's
own scan when the booth side refuses (an unallocated booth, a scanner who is not booth staff).
"""

from __future__ import annotations

from conference.core.errors import DomainError
from conference.core.logs import domain_logger
from conference.core.signals import booth_scanned
from conference.exhibition import services

log = domain_logger(__name__)


@booth_scanned.connect
def on_booth_scanned(_sender, *, booth_id, participant_id, staff_user_id, scanned_at, accepted, **_extra) -> None:
    if not accepted:
        return
    try:
        services.record_booth_scan(booth_id, participant_id, staff_user_id, scanned_at)
    except DomainError as exc:
        log.warning("booth scan at booth %s not recorded as a visit: %s", booth_id, exc.code)
