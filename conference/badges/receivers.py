"""Badges react to the accreditation workflow (signals from registration). Receivers never commit:
they run inside the sender's transaction, so the badge change commits with the decision."""

from __future__ import annotations

from conference.badges import photos, services
from conference.core.signals import accreditation_changed, badge_details_changed
from conference.registration import queries as registration
from conference.registration.enums import AccreditationStatus


def _prepare_photo(participant_id: int) -> None:
    # Scale the photo to print size now, one at a time, so a print batch only reads small JPEGs.
    for holder in registration.badge_holders([participant_id]):
        photos.print_photo(holder.photo_path)


@accreditation_changed.connect
def on_accreditation_changed(
    sender: object, *, participant_id: int, old_status: str, new_status: str, **_: object
) -> None:
    if new_status == AccreditationStatus.APPROVED:
        services.issue_badge(participant_id)
        _prepare_photo(participant_id)
    elif new_status in (AccreditationStatus.CANCELLED, AccreditationStatus.REJECTED):
        services.revoke_for_participant(participant_id, f"accreditation {new_status}")


@badge_details_changed.connect
def on_badge_details_changed(
    sender: object, *, participant_id: int, fields: list[str] | tuple[str, ...], **_: object
) -> None:
    services.flag_for_reprint(participant_id, list(fields))
    if "photo" in fields:
        _prepare_photo(participant_id)
