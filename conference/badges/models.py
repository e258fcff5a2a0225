"""Badges: one per participant; each reprint raises the serial and so supersedes older codes."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.enums import LabelledEnum, enum_column
from conference.extensions import db


class BadgeStatus(LabelledEnum):
    ACTIVE = "active", _l("Active")
    REVOKED = "revoked", _l("Revoked")


# Published to other domains as the view badge_holders (with registration's participants, delegations
# and categories; columns in migrations/versions/0009_published_views.py). Scanning reads only that view.
class Badge(db.Model):
    __tablename__ = "badges"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), unique=True)
    serial: Mapped[int] = mapped_column(default=1)
    status: Mapped[BadgeStatus] = enum_column(BadgeStatus, length=10, default=BadgeStatus.ACTIVE, index=True)
    issued_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    revoked_at: Mapped[dt.datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    needs_reprint: Mapped[bool] = mapped_column(default=False)
    printed_at: Mapped[dt.datetime | None]
    collected_at: Mapped[dt.datetime | None]
    collected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    @property
    def number(self) -> str:
        """The badge number printed in text under the QR."""
        return f"HN{self.id:06d}"


class SerialReason(LabelledEnum):
    """Why a serial was issued: the first print, or a reprint and its cause."""

    ISSUED = "issued", _l("First issue")
    LOST = "lost", _l("Lost badge")
    DAMAGED = "damaged", _l("Damaged badge")
    NAME_CHANGED = "name_changed", _l("Name changed")
    PHOTO_CHANGED = "photo_changed", _l("Photo changed")
    CATEGORY_CHANGED = "category_changed", _l("Category changed")
    OTHER = "other", _l("Other")


class BadgeSerial(db.Model):
    """Every serial ever issued for a badge. Older serials are revoked: scanners refuse them."""

    __tablename__ = "badge_serials"
    __table_args__ = (UniqueConstraint("badge_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    badge_id: Mapped[int] = mapped_column(ForeignKey("badges.id", ondelete="CASCADE"), index=True)
    serial: Mapped[int]
    reason: Mapped[SerialReason] = enum_column(SerialReason, length=20)
    note: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    revoked_at: Mapped[dt.datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class BatchStatus(LabelledEnum):
    QUEUED = "queued", _l("Queued")
    RUNNING = "running", _l("Running")
    DONE = "done", _l("Done")
    FAILED = "failed", _l("Failed")


class PrintSelection(LabelledEnum):
    """Which badges a print run takes."""

    UNPRINTED = "unprinted", _l("All approved, not yet printed")
    DELEGATION = "delegation", _l("One delegation")
    CATEGORY = "category", _l("One category")
    ARRIVAL = "arrival", _l("Arriving on a date")
    BADGE = "badge", _l("One badge (desk)")


class BadgeLayout(LabelledEnum):
    """The page layouts the badge PDF can be printed in."""

    CR80 = "cr80", _l("CR80 card, one per page (card printer)")
    A6 = "a6", _l("A6 lanyard badge, one per page")
    CR80_A4 = "cr80-a4", _l("CR80 cards on A4, 10 per sheet, crop marks")
    A6_A4 = "a6-a4", _l("A6 badges on A4, 4 per sheet, crop marks")


class PrintBatch(db.Model):
    """One print run: who asked, what was chosen, which badges (and serials) went into the PDF."""

    __tablename__ = "badge_print_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    selection: Mapped[PrintSelection] = enum_column(PrintSelection, length=20)
    selection_value: Mapped[str] = mapped_column(String(200), default="")
    layout: Mapped[BadgeLayout] = enum_column(BadgeLayout, length=10)
    status: Mapped[BatchStatus] = enum_column(BatchStatus, length=10, default=BatchStatus.QUEUED)
    total: Mapped[int] = mapped_column(default=0)
    rendered: Mapped[int] = mapped_column(default=0)
    pdf_path: Mapped[str | None] = mapped_column(String(300))
    error: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[dt.datetime | None]

    items: Mapped[list[PrintBatchItem]] = relationship(
        back_populates="batch", order_by="PrintBatchItem.position", cascade="all, delete-orphan"
    )


class PrintBatchItem(db.Model):
    __tablename__ = "badge_print_batch_items"

    batch_id: Mapped[int] = mapped_column(ForeignKey("badge_print_batches.id", ondelete="CASCADE"), primary_key=True)
    badge_id: Mapped[int] = mapped_column(ForeignKey("badges.id"), primary_key=True, index=True)
    serial: Mapped[int]
    position: Mapped[int]

    batch: Mapped[PrintBatch] = relationship(back_populates="items")
