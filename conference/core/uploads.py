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
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlalchemy.orm import Session

from conference.core.errors import DomainError, Reason
from conference.extensions import db

MAX_IMAGE_PIXELS = 40_000_000


class UploadReason(Reason):
    """Why an uploaded file was refused, in words the person who sent it can act on."""

    EMPTY_FILE = "empty_file", 400, _l("The file is empty.")
    FILE_TOO_LARGE = "file_too_large", 413, _l("The file is larger than %(megabytes)d MB.")
    BAD_IMAGE_TYPE = "bad_image_type", 400, _l("Only JPEG or PNG images are accepted.")
    IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels", 400, _l("The image has too many pixels.")
    NOT_AN_IMAGE = "not_an_image", 400, _l("This file is not a readable JPEG or PNG image.")
    IMAGE_TOO_SMALL = (
        "image_too_small",
        400,
        _l("The image is %(width)d×%(height)d pixels; at least %(min_width)d×%(min_height)d are needed."),
    )
    NOT_A_PDF = "not_a_pdf", 400, _l("This file is not a PDF document.")
    BAD_PATH = "bad_path", 404, _l("No such file.")


class UploadError(DomainError):
    """An upload was refused, for one of the ``UploadReason``s."""


@dataclass(frozen=True)
class CheckedImage:
    image: Image.Image  # RGB, orientation applied, no metadata
    format: str  # "JPEG" or "PNG"


def check_image(data: bytes, *, max_bytes: int, min_width: int = 1, min_height: int = 1) -> CheckedImage:
    if not data:
        raise UploadError(UploadReason.EMPTY_FILE)
    if len(data) > max_bytes:
        raise UploadError(UploadReason.FILE_TOO_LARGE, megabytes=max_bytes // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            fmt = probe.format
            if fmt not in ("JPEG", "PNG"):
                raise UploadError(UploadReason.BAD_IMAGE_TYPE)
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise UploadError(UploadReason.IMAGE_TOO_MANY_PIXELS)
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadError(UploadReason.IMAGE_TOO_MANY_PIXELS) from exc
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UploadError(UploadReason.NOT_AN_IMAGE) from exc
    image = ImageOps.exif_transpose(image).convert("RGB")
    if image.width < min_width or image.height < min_height:
        raise UploadError(
            UploadReason.IMAGE_TOO_SMALL,
            width=image.width,
            height=image.height,
            min_width=min_width,
            min_height=min_height,
        )
    return CheckedImage(image=image, format=fmt)


def check_pdf(data: bytes, *, max_bytes: int) -> bytes:
    if not data:
        raise UploadError(UploadReason.EMPTY_FILE)
    if len(data) > max_bytes:
        raise UploadError(UploadReason.FILE_TOO_LARGE, megabytes=max_bytes // (1024 * 1024))
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise UploadError(UploadReason.NOT_A_PDF)
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
        raise UploadError(UploadReason.BAD_PATH)
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
