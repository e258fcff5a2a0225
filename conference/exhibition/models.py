"""Booths on the exhibition hall's floor plan."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

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
