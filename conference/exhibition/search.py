"""Exhibitors in the organiser panel's search: approved ones for anyone, applications for organisers."""

from __future__ import annotations

import re

from flask import url_for
from sqlalchemy import func, select

from conference.accounts.roles import Role
from conference.core.panel import SearchHit
from conference.exhibition.labels import KINDS, STATUSES
from conference.exhibition.models import Exhibitor
from conference.extensions import db


def search(query: str, limit: int) -> list[SearchHit]:
    query = query.strip()
    if not query:
        return []
    like = "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
    rows = db.session.scalars(
        select(Exhibitor)
        .where(Exhibitor.organisation_name.ilike(like, escape="\\"))
        .order_by(func.lower(Exhibitor.organisation_name))
        .limit(limit)
    )
    hits = []
    for e in rows:
        if e.status == "approved":
            hits.append(
                SearchHit(
                    "exhibitor",
                    e.organisation_name,
                    str(KINDS.get(e.kind, e.kind)),
                    url_for("exhibition.exhibitor", exhibitor_id=e.id),
                )
            )
        else:
            hits.append(
                SearchHit(
                    "exhibitor",
                    e.organisation_name,
                    f"{KINDS.get(e.kind, e.kind)} · {STATUSES.get(e.status, e.status)}",
                    url_for("exhibition.review", exhibitor_id=e.id),
                    roles=frozenset({Role.ADMIN}),
                )
            )
    return hits
