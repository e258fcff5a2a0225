"""Reference lists (zones, categories, states, organisations), delegations and participants."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import ARRAY, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.db import TimestampMixin
from conference.core.enums import LabelledEnum, enum_column
from conference.extensions import db


class DelegationType(LabelledEnum):
    MEMBER_STATE = "member_state", _l("UN member state")
    OBSERVER_STATE = "observer_state", _l("Observer state")
    REIO = "reio", _l("European Union (regional economic integration organisation)")
    IGO = "igo", _l("Intergovernmental organisation")
    UN_ENTITY = "un_entity", _l("UN system entity")
    NGO = "ngo", _l("NGO")
    PRIVATE_SECTOR = "private_sector", _l("Private sector / tech company")
    ACADEMIA = "academia", _l("Academia / research institute")
    MEDIA = "media", _l("Media outlet")
    HOST_COUNTRY = "host_country", _l("Host country")


class AccreditationStatus(LabelledEnum):
    DRAFT = "draft", _l("Draft")
    SUBMITTED = "submitted", _l("Submitted")
    CHANGES_REQUESTED = "changes_requested", _l("Changes requested")
    APPROVED = "approved", _l("Approved")
    REJECTED = "rejected", _l("Rejected")
    CANCELLED = "cancelled", _l("Cancelled")


class CountryStatus(LabelledEnum):
    MEMBER = "member", _l("Member state")
    OBSERVER = "observer", _l("Observer state")


class OrganisationType(LabelledEnum):
    REIO = "reio", _l("Regional economic integration organisation")
    IGO = "igo", _l("Intergovernmental organisation")
    UN_ENTITY = "un_entity", _l("UN entity")


class Zone(db.Model):
    __tablename__ = "zones"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")


class Category(db.Model):
    """A participant category; it decides the badge colour, letter and default access zones."""

    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    colour_name: Mapped[str] = mapped_column(String(30))
    badge_colour: Mapped[str] = mapped_column(String(7))
    letter: Mapped[str] = mapped_column(String(2))
    zones: Mapped[list[str]] = mapped_column(ARRAY(String(4)), default=list)
    sort_order: Mapped[int] = mapped_column(default=0)


class Country(db.Model):
    __tablename__ = "countries"

    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    iso2: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    un_region: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[CountryStatus] = enum_column(CountryStatus, length=12)


class Organisation(db.Model):
    __tablename__ = "organisations"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    acronym: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[OrganisationType] = enum_column(OrganisationType, length=20)


class Delegation(TimestampMixin, db.Model):
    """A state's or organisation's delegation, registered by its focal point."""

    __tablename__ = "delegations"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[DelegationType] = enum_column(DelegationType, length=20, index=True)
    name: Mapped[str] = mapped_column(String(200))
    country_iso3: Mapped[str | None] = mapped_column(ForeignKey("countries.iso3"), index=True)
    organisation_code: Mapped[str | None] = mapped_column(ForeignKey("organisations.code"), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    focal_point_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    head_of_delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", use_alter=True, ondelete="SET NULL"), index=True
    )
    status: Mapped[AccreditationStatus] = enum_column(
        AccreditationStatus, length=20, default=AccreditationStatus.DRAFT, index=True
    )
    # An individual (media, NGO, academia, private sector) registering alone gets a one-person delegation.
    self_registered: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    submitted_at: Mapped[dt.datetime | None]

    country: Mapped[Country | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    participants: Mapped[list[Participant]] = relationship(
        back_populates="delegation", foreign_keys="Participant.delegation_id"
    )


# A record is "active" unless rejected or cancelled; the same email or passport number may be active
# only once (the duplicate guard lives in PostgreSQL, so two focal points cannot race past it).
ACTIVE_WHERE = text("status NOT IN ('rejected', 'cancelled')")


# Read by the view badge_holders that badges publishes (migrations/versions/0009_published_views.py).
class Participant(TimestampMixin, db.Model):
    """One person's accreditation record. Passport data and birth date are sensitive."""

    __tablename__ = "participants"
    __table_args__ = (
        Index("uq_participants_active_email", "email", unique=True, postgresql_where=ACTIVE_WHERE),
        Index("uq_participants_active_passport", "passport_number", unique=True, postgresql_where=ACTIVE_WHERE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegations.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    given_names: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    badge_name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"), index=True)
    nationality_iso3: Mapped[str | None] = mapped_column(ForeignKey("countries.iso3"), index=True)
    passport_number: Mapped[str | None] = mapped_column(String(40), index=True)
    passport_expiry: Mapped[dt.date | None]
    date_of_birth: Mapped[dt.date | None]
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    photo_path: Mapped[str | None] = mapped_column(String(300))
    photo_thumb_path: Mapped[str | None] = mapped_column(String(300))
    arrival_date: Mapped[dt.date | None] = mapped_column(index=True)
    departure_date: Mapped[dt.date | None]
    accessibility_needs: Mapped[str] = mapped_column(Text, default="")
    consent_given_at: Mapped[dt.datetime | None]
    consent_photo_publication: Mapped[bool] = mapped_column(default=False)
    consent_share_contact: Mapped[bool] = mapped_column(default=False)
    status: Mapped[AccreditationStatus] = enum_column(
        AccreditationStatus, length=20, default=AccreditationStatus.DRAFT, index=True
    )
    status_message: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[dt.datetime | None]
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Changing the nonce invalidates every personal link sent before.
    link_nonce: Mapped[str | None] = mapped_column(String(32))
    purged_at: Mapped[dt.datetime | None]

    delegation: Mapped[Delegation | None] = relationship(back_populates="participants", foreign_keys=[delegation_id])
    category: Mapped[Category] = relationship()
    nationality: Mapped[Country | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def display_name(self) -> str:
        return self.badge_name or self.full_name


class DocumentKind(LabelledEnum):
    NOTE_VERBALE = "note_verbale", _l("Note verbale")
    NOMINATION_LETTER = "nomination_letter", _l("Nomination letter")
    LETTER_OF_ASSIGNMENT = "letter_of_assignment", _l("Letter of assignment")
    PRESS_CARD = "press_card", _l("Press card")


class Document(db.Model):
    """A PDF proving a delegation (note verbale, nomination letter, letter of assignment, press card)."""

    __tablename__ = "registration_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[DocumentKind] = enum_column(DocumentKind, length=30)
    filename: Mapped[str] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(300))
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())

    delegation: Mapped[Delegation] = relationship()
