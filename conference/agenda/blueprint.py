"""The agenda's one blueprint of pages; ``views`` and the ``*_views`` modules add their routes to it."""

from __future__ import annotations

from flask import Blueprint

from conference.accounts.roles import Role

bp = Blueprint("agenda", __name__, url_prefix="/agenda")
# Who may sign people up for a session (themselves, their delegation's members, anyone for officers).
BOOKERS = (Role.PARTICIPANT, Role.FOCAL_POINT, Role.PROTOCOL_OFFICER)
# Who runs the organiser pages of the programme, the list of speakers and the signing.
OFFICERS = (Role.PROTOCOL_OFFICER,)
