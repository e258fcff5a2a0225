"""Validated uploads and the storage directory (outside ``static/``; served only through guarded views).

Images are checked by decoding them with Pillow (never by name or MIME type), bombs are refused,
EXIF is dropped by re-encoding. PDFs are checked by their header and trailer.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlalchemy.orm import Session

from conference.core.errors import DomainError
from conference.extensions import db

MAX_IMAGE_PIXELS = 40_000_000


class UploadError(DomainError):
    """An upload was refused; ``message`` tells the user why in plain words."""


@dataclass(frozen=True)
class CheckedImage:
    image: Image.Image  # RGB, orientation applied, no metadata
    format: str  # "JPEG" or "PNG"


def check_image(data: bytes, *, max_bytes: int, min_width: int = 1, min_height: int = 1) -> CheckedImage:
    if not data:
        raise UploadError("empty_file", "The file is empty.")
    if len(data) > max_bytes:
        raise UploadError("file_too_large", f"The image is larger than {max_bytes // (1024 * 1024)} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            fmt = probe.format
            if fmt not in ("JPEG", "PNG"):
                raise UploadError("bad_image_type", "Only JPEG or PNG images are accepted.")
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise UploadError("image_too_many_pixels", "The image has too many pixels.")
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadError("image_too_many_pixels", "The image has too many pixels.") from exc
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UploadError("not_an_image", "This file is not a readable JPEG or PNG image.") from exc
    image = ImageOps.exif_transpose(image).convert("RGB")
    if image.width < min_width or image.height < min_height:
        raise UploadError(
            "image_too_small",
            f"The image is {image.width}×{image.height} pixels; at least {min_width}×{min_height} are needed.",
        )
    return CheckedImage(image=image, format=fmt)


def check_pdf(data: bytes, *, max_bytes: int) -> bytes:
    if not data:
        raise UploadError("empty_file", "The file is empty.")
    if len(data) > max_bytes:
        raise UploadError("file_too_large", f"The PDF is larger than {max_bytes // (1024 * 1024)} MB.")
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise UploadError("not_a_pdf", "This file is not a PDF document.")
    return data


def storage_root() -> Path:
    return Path(current_app.config["STORAGE_DIR"])


def save_bytes(data: bytes, folder: str, suffix: str) -> str:
    """Store ``data`` under an unguessable name; returns the path relative to the storage root."""
    relative = Path(folder) / f"{secrets.token_hex(16)}{suffix}"
    target = storage_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative.as_posix()


def save_jpeg(image: Image.Image, folder: str, *, quality: int = 88) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return save_bytes(buffer.getvalue(), folder, ".jpg")


def stored_path(relative: str) -> Path:
    """The absolute path of a stored file, refusing anything outside the storage root."""
    root = storage_root().resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise UploadError("bad_path", "No such file.")
    return path


def delete_stored(relative: str | None) -> None:
    if relative:
        stored_path(relative).unlink(missing_ok=True)


_TO_DELETE = "stored_files_to_delete"


def delete_stored_after_commit(*relative: str | None) -> None:
    """Delete stored files once the unit of work that stopped using them commits: a service flushes and
    cannot know whether its change will last, and a rolled-back change must still find its files."""
    db.session().info.setdefault(_TO_DELETE, []).extend(path for path in relative if path)


@event.listens_for(Session, "after_commit")
def _delete_committed(session: Session) -> None:
    if not session.in_nested_transaction():
        for path in session.info.pop(_TO_DELETE, []):
            delete_stored(path)


@event.listens_for(Session, "after_rollback")
def _keep_rolled_back(session: Session) -> None:
    if not session.in_nested_transaction():
        session.info.pop(_TO_DELETE, None)
