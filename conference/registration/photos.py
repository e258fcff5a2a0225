"""Participant photos: checked, stripped of EXIF, cropped to 3:4 with a thumbnail, served only to those
who may see them (the participant, their focal point, accreditation officers, scanner staff)."""

from __future__ import annotations

from PIL import Image, ImageOps

from conference.core import audit, uploads
from conference.core.errors import DomainError
from conference.registration import access
from conference.registration.errors import RegistrationError
from conference.registration.models import Participant
from conference.registration.services import acting_user, editable_participant, get_participant, signal_badge_change

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MIN = (300, 400)
PHOTO_MAX = (900, 1200)  # stored size (3:4); larger uploads are scaled down
THUMB_SIZE = (150, 200)


def _crop_3_4(image: Image.Image) -> Image.Image:
    width, height = image.size
    if width * 4 > height * 3:
        box_w, box_h = height * 3 // 4, height
    else:
        box_w, box_h = width, width * 4 // 3
    left, top = (width - box_w) // 2, (height - box_h) // 2
    cropped = image.crop((left, top, left + box_w, top + box_h))
    if cropped.width > PHOTO_MAX[0]:
        cropped = cropped.resize(PHOTO_MAX, Image.Resampling.LANCZOS)
    return cropped


def set_photo(actor_id: int | None, participant_id: int, data: bytes, *, via_link: bool = False) -> Participant:
    """Check (Pillow decode, ≤ 5 MB, ≥ 300×400, no bombs), drop EXIF, crop to 3:4, store with a thumbnail.
    The replaced files are deleted once the change is committed (a rolled-back change keeps them)."""
    participant = editable_participant(acting_user(actor_id), participant_id, via_link=via_link)
    checked = uploads.check_image(data, max_bytes=PHOTO_MAX_BYTES, min_width=PHOTO_MIN[0], min_height=PHOTO_MIN[1])
    photo = _crop_3_4(checked.image)
    thumb = ImageOps.fit(photo, THUMB_SIZE, Image.Resampling.LANCZOS)
    old = (participant.photo_path, participant.photo_thumb_path)
    participant.photo_path = uploads.save_jpeg(photo, "photos")
    participant.photo_thumb_path = uploads.save_jpeg(thumb, "photos/thumbs", quality=82)
    audit.record("participant.photo", "participant", participant.id, after={"photo": "replaced" if old[0] else "added"})
    signal_badge_change(participant, {"photo"})
    uploads.delete_stored_after_commit(*old)
    return participant


def photo_file(actor_id: int | None, participant_id: int, *, thumb: bool = False, via_link: bool = False) -> str:
    """The stored photo path, if the actor may see it (participant, focal point, officers, scanners)."""
    participant = get_participant(participant_id)
    if participant is None or (not via_link and not access.can_view_photo(acting_user(actor_id), participant)):
        raise DomainError(RegistrationError.PHOTO_NOT_FOUND)
    path = participant.photo_thumb_path if thumb else participant.photo_path
    if not path:
        raise DomainError(RegistrationError.PHOTO_NOT_FOUND)
    return path
