"""The agenda's one blueprint of pages; ``views`` and the ``*_views`` modules add their routes to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("agenda", __name__, url_prefix="/agenda")
# Who may sign people up for a session (themselves, their delegation's members, anyone for officers).
BOOKERS = ("participant", "focal_point", "protocol_officer")
# Who runs the organiser pages of the programme, the list of speakers and the signing.
OFFICERS = ("protocol_officer",)
