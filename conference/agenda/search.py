"""Sessions for the organiser panel's search box."""

from __future__ import annotations

from flask import url_for

from conference.agenda.services import AgendaFilter, find_sessions
from conference.core.panel import SearchHit
from conference.core.timeutil import to_venue


def search(query: str, limit: int) -> list[SearchHit]:
    if not query.strip():
        return []
    return [
        SearchHit(
            kind="session",
            title=f"{s.code} — {s.title_en}",
            subtitle=f"{to_venue(s.starts_at):%a %d %b %H:%M}" + (f" · {s.room.name}" if s.room else ""),
            url=url_for("agenda.session_page", session_id=s.id),
        )
        for s in find_sessions(AgendaFilter(q=query))[:limit]
    ]
