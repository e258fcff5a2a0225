"""Jinja filters and globals shared by every template."""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app
from flask_babel import get_locale
from flask_login import current_user

from conference.core.enums import LabelledEnum
from conference.core.timeutil import to_venue


def register(app: Flask) -> None:
    @app.template_filter("venue_time")
    def venue_time(value: dt.datetime | None, fmt: str = "%H:%M") -> str:
        return to_venue(value).strftime(fmt) if value else ""

    @app.template_filter("venue_datetime")
    def venue_datetime(value: dt.datetime | None) -> str:
        return to_venue(value).strftime("%a %d %b %Y, %H:%M") if value else ""

    @app.template_filter("label")
    def label(value: object, enum_name: str | None = None) -> str:
        """What a person reads for a code: its enum's translated label.

        A plain string (from a query returning plain data) names its enum: ``code|label("Reason")``.
        """
        if enum_name is not None:
            return LabelledEnum.named(enum_name).label_of(value)
        if isinstance(value, LabelledEnum):
            return value.label
        return "" if value is None else str(value)

    @app.context_processor
    def globals_() -> dict:
        from conference.core.services import get_event

        return {
            "event": get_event(),
            "current_locale": str(get_locale() or "en"),
            "languages": current_app.config["LANGUAGES"],
            "user_role": current_user.role if getattr(current_user, "is_authenticated", False) else None,
        }
