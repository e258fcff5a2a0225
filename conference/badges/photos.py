"""Participant photos scaled once to the badge's print size and kept as small JPEGs.

The PDF embeds these JPEG bytes as they are (no decoding, no re-encoding per badge), so a badge
costs a file read for its photo. The copy is made when the badge is issued or flagged for reprint,
or on first print; its name follows the original's, so a new photo gets a new copy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image, ImageOps

from conference.core.uploads import UploadError, storage_root, stored_path

WIDTH, HEIGHT = 300, 375  # 4:5, ≥ 300 dpi on the card's 22 mm photo, ~220 dpi on the A6's 35 mm
FOLDER = "badge-photos"


def cached_path(photo_path: str) -> Path:
    digest = hashlib.sha256(photo_path.encode()).hexdigest()[:32]
    return storage_root() / FOLDER / f"{digest}.jpg"


def scale(source: Path, target: Path) -> None:
    with Image.open(source) as image:
        image.draft("RGB", (WIDTH * 2, HEIGHT * 2))  # JPEG: decode at a reduced scale, much faster
        photo = ImageOps.fit(image.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.BILINEAR, centering=(0.5, 0.35))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    photo.save(partial, "JPEG", quality=82)
    partial.replace(target)


def print_photo(photo_path: str | None) -> str | None:
    """The print-size copy of a stored photo (made if missing), or None: draw the silhouette."""
    if not photo_path:
        return None
    target = cached_path(photo_path)
    if not target.exists():
        try:
            source = stored_path(photo_path)
        except UploadError:
            return None
        if not source.exists():
            return None
        scale(source, target)
    return str(target)
