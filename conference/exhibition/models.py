"""Booths on the exhibition hall's floor plan, exhibitors, their staff, allocations and leads."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import ARRAY, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.db import TimestampMixin
from conference.core.enums import LabelledEnum, enum_column
from conference.extensions import db


class Booth(db.Model):
    """A booth: a rectangle on the hall's plan, in metres from the hall's top-left corner."""

    __tablename__ = "booths"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    x: Mapped[float]
    y: Mapped[float]
    width: Mapped[float]
    height: Mapped[float]
    size_sqm: Mapped[int]
    zone_code: Mapped[str | None] = mapped_column(String(4))
    theme: Mapped[str] = mapped_column(String(40), default="")
    power: Mapped[bool] = mapped_column(default=False)
    network: Mapped[bool] = mapped_column(default=False)
    furniture: Mapped[str] = mapped_column(String(200), default="")


class ExhibitorKind(LabelledEnum):
    COUNTRY = "country", _l("Country")
    INTERNATIONAL_ORGANISATION = "international_organisation", _l("International organisation")
    TECH_COMPANY = "tech_company", _l("Technology company")
    RESEARCH_INSTITUTE = "research_institute", _l("Research institute")


class ExhibitorStatus(LabelledEnum):
    APPLIED = "applied", _l("Under review")
    APPROVED = "approved", _l("Approved")
    REJECTED = "rejected", _l("Not accepted")


class Exhibitor(TimestampMixin, db.Model):
    """An organisation's application to exhibit, and once approved its public directory entry."""

    __tablename__ = "exhibitors"
    __table_args__ = (CheckConstraint("requested_size_sqm > 0", name="requested_size_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)  # the applicant's account
    organisation_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ExhibitorKind] = enum_column(ExhibitorKind, length=30)
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_vi: Mapped[str] = mapped_column(Text, default="")
    logo_path: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str] = mapped_column(String(300), default="")
    theme: Mapped[str] = mapped_column(String(40), index=True)
    requested_size_sqm: Mapped[int]
    preferred_booths: Mapped[list[str]] = mapped_column(ARRAY(String(10)), default=list)
    status: Mapped[ExhibitorStatus] = enum_column(
        ExhibitorStatus, length=20, default=ExhibitorStatus.APPLIED, index=True
    )
    status_message: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    staff: Mapped[list[ExhibitorStaff]] = relationship(
        back_populates="exhibitor", order_by="ExhibitorStaff.id", cascade="all, delete-orphan"
    )
    allocation: Mapped[BoothAllocation | None] = relationship(back_populates="exhibitor")

    def description(self, locale: str) -> str:
        return getattr(self, f"description_{locale}", "") or self.description_en


class ExhibitorStaff(db.Model):
    """A person working at the booth; becomes a participant (Exhibitor category) for a badge."""

    __tablename__ = "exhibitor_staff"
    __table_args__ = (UniqueConstraint("exhibitor_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(ForeignKey("exhibitors.id", ondelete="CASCADE"), index=True)
    given_names: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)  # their login, to scan
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())

    exhibitor: Mapped[Exhibitor] = relationship(back_populates="staff")

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


class BoothAllocation(db.Model):
    """Which exhibitor holds which booth. The unique booth is what stops a double allocation."""

    __tablename__ = "booth_allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    booth_id: Mapped[int] = mapped_column(ForeignKey("booths.id"), unique=True)
    exhibitor_id: Mapped[int] = mapped_column(ForeignKey("exhibitors.id", ondelete="CASCADE"), unique=True)
    allocated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    allocated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    booth: Mapped[Booth] = relationship()
    exhibitor: Mapped[Exhibitor] = relationship(back_populates="allocation")


class BoothVisit(db.Model):
    """One accepted badge scan at a booth: anonymous (no visitor identity), for visit counts."""

    __tablename__ = "booth_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    booth_id: Mapped[int] = mapped_column(ForeignKey("booths.id"), index=True)
    exhibitor_id: Mapped[int | None] = mapped_column(ForeignKey("exhibitors.id", ondelete="SET NULL"), index=True)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    scanned_at: Mapped[dt.datetime] = mapped_column(index=True)


class Lead(db.Model):
    """A visitor who consented to share their contact details with exhibitors, once per exhibitor.

    The details are copied at the scan, so the exhibitor's export shows what the visitor agreed to share then.
    """

    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("exhibitor_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(ForeignKey("exhibitors.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    visits: Mapped[int] = mapped_column(default=1)
    first_scanned_at: Mapped[dt.datetime]
    last_scanned_at: Mapped[dt.datetime]
